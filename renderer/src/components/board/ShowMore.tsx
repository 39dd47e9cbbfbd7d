/** The toggle under a clamped beat: the whole text, or back to its first lines. */
export function ShowMore({
  expanded,
  onToggle,
  textId,
}: {
  expanded: boolean;
  onToggle: () => void;
  textId: string;
}) {
  return (
    <button
      type="button"
      className="beat-more"
      aria-expanded={expanded}
      aria-controls={textId}
      onClick={onToggle}
    >
      {expanded ? 'Show less' : 'Show more'}
    </button>
  );
}
