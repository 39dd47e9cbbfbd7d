import type { z } from 'zod';
import { fieldSchemas } from '../contract/schemas';

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `story.events[3].moments[7].timestamp_offset` from its segments. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The value at `path` inside parsed JSON, and whether its last key exists in its parent. */
function lookup(root: unknown, path: readonly PropertyKey[]): { present: boolean } {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) {
      return { present: false };
    }
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { present: true };
}

/**
 * A zod issue as `path: message`, in the file's own field names. A missing field says
 * `is missing`; an unknown field is named. `root` is the value checked, found at `prefix`.
 */
export function describeFileIssue(
  issue: z.core.$ZodIssue | undefined,
  root: unknown,
  prefix: readonly PathSegment[] = [],
): string {
  if (!issue) return 'the file is not valid';
  const path = [
    ...prefix,
    ...issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
  ];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return `${formatPath([...path, key])}: unknown field (see docs/story-file-format.md)`;
  }
  const where = formatPath(path);
  const message = lookup(root, issue.path).present ? issue.message : 'is missing';
  return where ? `${where}: ${message}` : message;
}

/** The first problem of a value against a field rule, or null when it is fine. */
export function fieldProblem<T>(schema: z.ZodType<T>, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'is not valid');
}

/** The story title rule (control characters, NUL included, are refused by the contract). */
export const storyTitleSchema = fieldSchemas.storyTitle;

export { fieldSchemas };
