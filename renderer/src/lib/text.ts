/** "1 beat", "3 beats", "2 stories". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "20,001 of 20,000 characters: shorten it by 1." when `text` is too long, else null. */
export function lengthProblem(text: string, max: number): string | null {
  if (text.length <= max) return null;
  const over = text.length - max;
  return (
    `${text.length.toLocaleString('en-US')} of ${max.toLocaleString('en-US')} characters: ` +
    `shorten it by ${over.toLocaleString('en-US')}.`
  );
}
