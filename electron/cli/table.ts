import { printable } from './io';

export interface Column<Row> {
  header: string;
  value(row: Row): string;
  align?: 'left' | 'right';
  /** Longer values are cut with an ellipsis. */
  maxWidth?: number;
}

function fit(text: string, max: number | undefined): string {
  const clean = printable(text);
  if (max === undefined || [...clean].length <= max) return clean;
  return [...clean].slice(0, max - 1).join('') + '…';
}

/** Renders rows as a plain-text table with a header line, two spaces between columns. */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => fit(c.value(row), c.maxWidth)));
  const widths = columns.map((c, i) =>
    Math.max([...c.header].length, ...cells.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const width = widths[i] ?? 0;
        const pad = ' '.repeat(Math.max(0, width - [...v].length));
        return columns[i]?.align === 'right' ? pad + v : v + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}
