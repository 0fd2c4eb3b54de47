import { checkInput, type FieldIssue } from '@nastavnik/domain';
import type { ZodType } from 'zod';
import { expect } from 'vitest';
import type { TestApp } from './harness.js';
import { fails } from './roadmaps.js';

/** The API's BAD_USER_INPUT `fields` for a mutation that must refuse its input. */
export async function apiFieldIssues(app: TestApp, mutation: string, token: string, variables: Record<string, unknown>): Promise<FieldIssue[]> {
  const error = await fails(app, mutation, token, variables);
  expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  return (error.extensions?.fields as FieldIssue[] | undefined) ?? [];
}

/**
 * One validation per input (issue 15): `input` through the shared schema (what the admin shows)
 * and through the API (`variables` carry it, with whatever context the mutation needs) must give
 * the same issues, field by field; the case must be invalid. Returns the issues.
 */
export async function expectSameMessages(
  app: TestApp,
  check: { schema: ZodType; input: Record<string, unknown>; mutation: string; token: string; variables?: Record<string, unknown> },
): Promise<FieldIssue[]> {
  const shared = checkInput(check.schema, check.input).issues;
  expect(shared.length, 'the case must be invalid').toBeGreaterThan(0);
  expect(await apiFieldIssues(app, check.mutation, check.token, check.variables ?? { input: check.input })).toEqual(shared);
  return shared;
}
