/**
 * Issue 19, item 1: the contract reaches every in-process caller. The admin CLI, the demo loader and scripts call the
 * dispatcher's `invokeAs` (and the CLI's signed-in `invoke`) with the operation's input type from the contract, so a
 * misspelt operation or a wrong input fails the typecheck (`npm test` runs tsc) rather than only at run time. The lines
 * marked `@ts-expect-error` are the proof: if the call were untyped again, the directive would be unused and tsc would
 * fail. At run time the dispatcher still validates what arrives (a transport passes unknown input), which the test
 * below shows for the same wrong inputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliCaller } from '../cli/session';
import { SYSTEM, openTestCore, pupilInput, setUp, type TestCore } from './testing/harness';

/** Never called: only typechecked. */
export function wrongCallsFailTheTypecheck(tc: TestCore, cli: CliCaller): void {
  // @ts-expect-error a misspelt operation
  void tc.dispatcher.invokeAs(SYSTEM, 'pupils.craete', {});
  // @ts-expect-error yearGroup is one of the school's year groups, not a number
  void tc.dispatcher.invokeAs(SYSTEM, 'pupils.create', { ...pupilInput(), yearGroup: 6 });
  // @ts-expect-error an academic year is written "2026/27", not a number
  void tc.dispatcher.invokeAs(SYSTEM, 'terms.list', { academicYear: 2026 });
  // @ts-expect-error the CLI's signed-in caller is typed the same way
  void cli.invoke('provision.map', { year: 'seven' });
  // @ts-expect-error and its output type comes from the contract too
  void cli.invoke('setup.status', {}).then((r) => (r.ok ? r.value.noSuchField : null));
}

describe('in-process calls carry the contract types, and the dispatcher still checks at run time', () => {
  let tc: TestCore;
  beforeAll(async () => {
    tc = await openTestCore('sqlite');
    await setUp(tc);
  });
  afterAll(async () => tc.cleanup());

  it('refuses the same wrong inputs when they arrive untyped (as from a transport)', async () => {
    const untyped = tc.dispatcher.invokeAs.bind(tc.dispatcher) as (
      a: typeof SYSTEM,
      op: string,
      input: unknown,
    ) => Promise<{ ok: boolean; error?: { code: string } }>;
    expect(await untyped(SYSTEM, 'pupils.craete', {})).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(await untyped(SYSTEM, 'pupils.create', { ...pupilInput(), yearGroup: 6 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await untyped(SYSTEM, 'terms.list', { academicYear: 2026 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await untyped(SYSTEM, 'pupils.create', pupilInput())).toMatchObject({ ok: true });
  });
});
