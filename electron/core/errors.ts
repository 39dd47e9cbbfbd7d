import type { ErrorCode } from './contract/types';

/** An expected refusal from the data layer (missing row, impossible position). */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not_found', `No ${what} with id ${id}.`);

/** Checks a 0-based position against the number of slots (`max` inclusive). */
export function checkPosition(position: number, max: number, what: string): void {
  if (!Number.isInteger(position) || position < 0 || position > max) {
    throw new DomainError(
      'conflict',
      max < 0
        ? `${what} has no positions to choose from.`
        : `position ${position} is out of range: ${what} accepts 0 to ${max}.`,
    );
  }
}
