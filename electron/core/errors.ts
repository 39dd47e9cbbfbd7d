import type { ErrorCode, ErrorReason, HandlerError } from './contract/types';

/** An expected refusal from the data layer (missing row, impossible position). */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal'>,
    message: string,
    /** A reason a client acts on (issue 16, h35), e.g. `title_taken`. */
    readonly reason?: ErrorReason,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The refusal a DomainError becomes at the boundary, its reason kept when it has one. */
export function refusalOf(error: DomainError, message = error.message): HandlerError {
  const refusal: HandlerError = { code: error.code, message };
  if (error.reason) refusal.reason = error.reason;
  return refusal;
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

/** A create with a client-chosen id that is already taken. */
export const alreadyExists = (what: string, id: string) =>
  new DomainError('conflict', `A ${what} with id ${id} already exists.`);

/** An edit made against a version of the row that is no longer the current one. */
export function checkUnchanged(
  what: string,
  updatedAt: string,
  expectedUpdatedAt: string | undefined,
): void {
  if (expectedUpdatedAt !== undefined && expectedUpdatedAt !== updatedAt) {
    throw new DomainError(
      'conflict',
      `This ${what} was changed in another window since you opened it; ` +
        'reload it to see the change, then make your edit again.',
    );
  }
}
