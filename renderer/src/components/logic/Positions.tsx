/**
 * "R 5 · C 2" on screen; "Reading order 5, story time 2" for a screen reader (an aria-label on
 * a plain span is not read, and "R 5 dot C 2" says nothing).
 */
export function Positions(props: { mode: string; reading: number; chrono: number }) {
  const { mode, reading, chrono } = props;
  return (
    <>
      <span
        className={`event-positions mode-${mode}`}
        title="Reading order · story time"
        aria-hidden="true"
      >
        R {reading + 1} · C {chrono + 1}
      </span>
      <span className="visually-hidden">
        Reading order {reading + 1}, story time {chrono + 1}
      </span>
    </>
  );
}
