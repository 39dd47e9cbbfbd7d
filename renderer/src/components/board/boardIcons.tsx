/** The board navigation's icons, drawn like those in ../icons.tsx. */
function Icon({ size = 16, d }: { size?: number; d: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={d} />
    </svg>
  );
}

export const SearchIcon = ({ size }: { size?: number }) => (
  <Icon size={size} d="M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14M20 20l-4-4" />
);
export const OverviewIcon = ({ size }: { size?: number }) => (
  <Icon size={size} d="M3 5h4v14H3zM10 5h4v14h-4zM17 5h4v14h-4z" />
);
export const GoToIcon = ({ size }: { size?: number }) => (
  <Icon size={size} d="M4 12h14M13 6l6 6-6 6" />
);
export const UpIcon = ({ size }: { size?: number }) => <Icon size={size} d="M6 15l6-6 6 6" />;
export const DownIcon = ({ size }: { size?: number }) => <Icon size={size} d="M6 9l6 6 6-6" />;
