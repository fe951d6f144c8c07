/**
 * The parts an operations table is made of (the table itself is `operations.ts`), and the types every
 * face derives from it: the functions a client calls, the functions a host implements, the push
 * subscriptions. Pure; shared by the renderer, the preload, Electron main and the dashboard server.
 */
import type * as v from 'valibot';
import type { ApiResult, Unsubscribe } from './contract';

export type HttpMethod = 'GET' | 'POST';

/** One argument of an operation: its name (a `:name` path segment or a JSON body key) and its schema. */
export interface Arg<S extends v.GenericSchema = v.GenericSchema> {
  readonly name: string;
  readonly schema: S;
}

/** Names the schema's argument; the order of `args` is the order of the function's parameters. */
export function arg<const N extends string, S extends v.GenericSchema>(
  name: N,
  schema: S,
): Arg<S> & { name: N } {
  return { name, schema };
}

/** One request the UI can make of its host: how each transport carries it, and its argument rules. */
export interface Operation<A extends readonly Arg[] = readonly Arg[], R = unknown> {
  /** Electron IPC channel (`ipcMain.handle`). */
  readonly channel: string;
  readonly method: HttpMethod;
  /** Under `/api`; `:name` stands for the argument of that name (URL-encoded). Other arguments ride in the JSON body. */
  readonly path: string;
  readonly args: A;
  /** Never set: carries the type of the success value. */
  readonly result?: R;
}

/** A value the host pushes to the UI. */
export interface PushEvent<P = unknown> {
  /** Electron IPC channel (`webContents.send`). */
  readonly channel: string;
  /** Event name on the server-sent-event stream. */
  readonly sse: string;
  /** Never set: carries the payload's type. */
  readonly payload?: P;
}

export type OperationTable = Readonly<Record<string, Operation>>;
export type EventTable = Readonly<Record<string, PushEvent>>;

/** `:name` segments of a path template. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type ArgNames<A extends readonly Arg[]> = A[number]['name'];

/**
 * Defines an operation whose success value is `R`. A `:name` in the path that names no argument, or a
 * GET whose arguments do not all fit in its path (a GET has no body), fails to compile.
 */
export function defineOperation<R>() {
  return <const A extends readonly Arg[], const M extends HttpMethod, const P extends string>(spec: {
    channel: string;
    method: M;
    path: P &
      (PathParams<P> extends ArgNames<A> ? unknown : { error: `no argument named :${PathParams<P>}` });
    args: A &
      (M extends 'GET'
        ? ArgNames<A> extends PathParams<P>
          ? unknown
          : { error: `a GET has no body: put :${Exclude<ArgNames<A>, PathParams<P>>} in the path` }
        : unknown);
  }): Operation<A, R> => spec as Operation<A, R>;
}

/** Defines a push whose payload is `P`. */
export function defineEvent<P>() {
  return (spec: { channel: string; sse: string }): PushEvent<P> => spec;
}

type ValueOf<X> = X extends Arg<infer S> ? v.InferOutput<S> : never;

/** The parameter list an operation's arguments make; an argument that may be undefined is optional. */
export type ArgsOf<O extends Operation> = ArgValues<O['args']>;
type ArgValues<A extends readonly Arg[]> = A extends readonly [
  infer Head,
  ...infer Tail extends readonly Arg[],
]
  ? undefined extends ValueOf<Head>
    ? [arg?: ValueOf<Head>, ...ArgValues<Tail>]
    : [ValueOf<Head>, ...ArgValues<Tail>]
  : [];

export type ResultOf<O extends Operation> = O extends Operation<readonly Arg[], infer R> ? R : never;

/** One function per operation: what a client offers and what a host implements (errors are values). */
export type OperationHandlers<T extends OperationTable> = {
  [K in keyof T]: (...args: ArgsOf<T[K]>) => Promise<ApiResult<ResultOf<T[K]>>>;
};

export type PayloadOf<E extends PushEvent> = E extends PushEvent<infer P> ? P : never;

/** One subscribe function per push event. */
export type EventSubscriptions<E extends EventTable> = {
  [K in keyof E]: (listener: (payload: PayloadOf<E[K]>) => void) => Unsubscribe;
};

/** Exactly the table's operations out of a larger object (a host), as plain functions. */
export function pickOperations<T extends OperationTable>(
  table: T,
  impl: OperationHandlers<T>,
): OperationHandlers<T> {
  const picked: Record<string, unknown> = {};
  for (const name of Object.keys(table)) {
    const fn = impl[name] as (...args: unknown[]) => unknown;
    picked[name] = (...args: unknown[]) => fn.apply(impl, args);
  }
  return picked as OperationHandlers<T>;
}

/**
 * Builds a client: one named function per operation, each sending its own operation through `send`.
 * There is no generic "call anything" on the result (the preload hands it to the page).
 */
export function createOperationClient<T extends OperationTable>(
  table: T,
  send: (operation: Operation, args: unknown[]) => Promise<ApiResult<unknown>>,
): OperationHandlers<T> {
  const client: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(table)) {
    client[name] = (...args: unknown[]) => send(operation, args);
  }
  return client as OperationHandlers<T>;
}

/** Builds one named subscribe function per push event around `subscribe`. */
export function createEventSubscriptions<E extends EventTable>(
  events: E,
  subscribe: (event: PushEvent, listener: (payload: unknown) => void) => Unsubscribe,
): EventSubscriptions<E> {
  const subscriptions: Record<string, unknown> = {};
  for (const [name, event] of Object.entries(events)) {
    subscriptions[name] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  }
  return subscriptions as EventSubscriptions<E>;
}

/**
 * Throws when two operations share an IPC channel or an HTTP method and path, or when a push reuses a
 * channel: each face would then route one of them to the other. The faces call it when they start.
 */
export function checkTables(table: OperationTable, events: EventTable = {}): void {
  const seen = new Map<string, string>();
  const claim = (key: string, name: string) => {
    const other = seen.get(key);
    if (other) throw new Error(`operations ${other} and ${name} both use ${key}`);
    seen.set(key, name);
  };
  for (const [name, op] of Object.entries(table)) {
    claim(`channel ${op.channel}`, name);
    claim(`route ${op.method} ${op.path.replace(/:[^/]+/g, ':')}`, name);
  }
  for (const [name, event] of Object.entries(events)) {
    claim(`channel ${event.channel}`, name);
    claim(`event ${event.sse}`, name);
  }
}
