/**
 * A test double of the core, typed from the contract (issue 19, item 1), as Actual Budget's tests install a fake
 * server typed by its `Handlers`. A test gives a handler for each operation it expects:
 *
 *   const core = fakeClient({ 'drafts.list': async ({ keys }) => [...] });
 *   await core.invoke('drafts.list', { keys: ['a'] });   // typed as the client's invoke
 *
 * Each handler takes the operation's input as a service receives it (parsed by the contract's schema, so input the
 * core would refuse comes back `invalid_input` as from the dispatcher) and returns the operation's output: a wrong
 * output shape, or an operation the contract does not have, fails the typecheck. A handler refuses as a service does,
 * by throwing AppFailure. An operation without a handler throws at once, naming it: a test never passes on an answer
 * nobody meant to give.
 *
 * `bridge` is the same core as the Electron preload's `window.sencoDesk`, for testing the real client (client.ts).
 */
import { contract, type Envelope, type Invoke, type OpName, type OutputOf, type ParsedInputOf } from '../../../shared/contract';
import { AppFailure, fail, ok, type Result } from '../../../shared/result';
import { zodToAppError } from '../../../shared/validation';

/** One operation's stand-in: what the service would answer for this input. */
export type FakeHandler<K extends OpName> = (input: ParsedInputOf<K>) => OutputOf<K> | Promise<OutputOf<K>>;
/** The operations a test expects, each with its stand-in. */
export type FakeHandlers = { readonly [K in OpName]?: FakeHandler<K> };

export interface FakeCall {
  readonly op: OpName;
  readonly input: unknown;
}

export interface FakeClient {
  /** As the client's `invoke` (client.ts): a Result, never a throw, except for an operation without a handler. */
  readonly invoke: Invoke;
  /** As the Electron preload (window.sencoDesk), for the real client. */
  readonly bridge: { invoke(envelope: Envelope): Promise<Result<unknown>> };
  /** Every call made, in order, with the input as sent. */
  readonly calls: readonly FakeCall[];
  /** The inputs sent to one operation, in order. */
  inputsOf<K extends OpName>(op: K): readonly unknown[];
}

export function fakeClient(handlers: FakeHandlers): FakeClient {
  const calls: FakeCall[] = [];

  /** Synchronous up to the handler, so a missing handler throws even where the caller catches rejections. */
  const answer = (op: string, input: unknown): Promise<Result<unknown>> => {
    const handler = (handlers as Readonly<Record<string, ((input: unknown) => unknown) | undefined>>)[op];
    if (!handler) {
      throw new Error(
        `fakeClient: the test gave no handler for '${op}'. Add one: fakeClient({ '${op}': async (input) => ... }), or find why the screen asked for it.`,
      );
    }
    calls.push({ op: op as OpName, input });
    const parsed = contract[op as OpName].input.safeParse(input);
    if (!parsed.success) return Promise.resolve(fail(zodToAppError(parsed.error)));
    return Promise.resolve()
      .then(() => handler(parsed.data))
      .then(
        (value) => ok(value),
        (err: unknown) => {
          if (err instanceof AppFailure)
            return fail({ code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
          throw err;
        },
      );
  };

  return {
    invoke: ((op: OpName, input: unknown) => answer(op, input)) as Invoke,
    bridge: { invoke: (envelope) => answer(envelope.op, envelope.input) },
    calls,
    inputsOf: (op) => calls.filter((c) => c.op === op).map((c) => c.input),
  };
}
