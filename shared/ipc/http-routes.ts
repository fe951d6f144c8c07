/**
 * How the operations table (operations.ts) maps onto HTTP, for both the client (http-transport.ts) and
 * the `quota-broker serve` router (shared/host/dashboard/server.ts): each operation's method and path,
 * arguments named `:name` in the path travel there URL-encoded, the others as keys of a JSON body.
 * The routes, statuses and the event stream are described in docs/ui-contract.md.
 */
import type { ApiResult } from './contract';
import { BAD_ARGUMENT } from './dispatch';
import type { HttpMethod, Operation, OperationTable } from './operation';

/** Prefix of every route. */
export const API_PREFIX = '/api';

/** The server-sent-event stream of the pushes (EVENTS in operations.ts). */
export const EVENTS_PATH = `${API_PREFIX}/events`;

/** Query parameter that carries the token where headers are impossible (EventSource, the dashboard URL). */
export const TOKEN_QUERY_PARAM = 'token';

/** The error code of a request body that is not a JSON object or is too large (answered with 400). */
export const BAD_REQUEST = 'bad_request';

const PARAM = /:([^/]+)/g;

/** Names of the arguments an operation carries in its path. */
const pathParams = (operation: Operation): string[] => [...operation.path.matchAll(PARAM)].map((m) => m[1]);

export interface HttpRequestSpec {
  method: HttpMethod;
  /** Path with the arguments filled in, URL-encoded. */
  path: string;
  /** The JSON body of a POST that has body arguments (`{}` when all are omitted); absent otherwise. */
  body?: Record<string, unknown>;
}

/** The request that carries `operation` called with `args`. */
export function toHttpRequest(operation: Operation, args: readonly unknown[]): HttpRequestSpec {
  const inPath = pathParams(operation);
  const argValue = (name: string) => args[operation.args.findIndex((a) => a.name === name)];
  const path = operation.path.replace(PARAM, (_m, name: string) =>
    encodeURIComponent(String(argValue(name))),
  );
  const bodyArgs = operation.args.filter((a) => !inPath.includes(a.name));
  if (operation.method !== 'POST' || bodyArgs.length === 0) return { method: operation.method, path };
  const body: Record<string, unknown> = {};
  for (const { name } of bodyArgs) if (argValue(name) !== undefined) body[name] = argValue(name);
  return { method: operation.method, path, body };
}

export type RouteMatch =
  | { ok: true; name: string; operation: Operation; params: Record<string, string | null> }
  | { ok: false; status: 404 | 405 };

/** Matches requests to the operations of `table`. */
export function createHttpRouter(table: OperationTable): {
  match(method: string, pathname: string): RouteMatch;
} {
  const routes = Object.entries(table).map(([name, operation]) => {
    const names = pathParams(operation);
    const source = operation.path
      .split(PARAM)
      .map((part, i) => (i % 2 ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return { name, operation, names, pattern: new RegExp(`^${source}$`) };
  });
  return {
    match(method, pathname) {
      let pathKnown = false;
      for (const route of routes) {
        const m = route.pattern.exec(pathname);
        if (!m) continue;
        pathKnown = true;
        if (route.operation.method !== method) continue;
        const params: Record<string, string | null> = {};
        route.names.forEach((name, i) => {
          params[name] = decodeParam(m[i + 1]);
        });
        return { ok: true, name: route.name, operation: route.operation, params };
      }
      return { ok: false, status: pathKnown ? 405 : 404 };
    },
  };
}

/** A path segment decoded; null (which no schema accepts) when its %-escapes are broken. */
function decodeParam(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The raw positional arguments of a matched request: path parameters, then body keys, in table order. */
export function argsFromHttp(
  operation: Operation,
  params: Record<string, string | null>,
  body: Record<string, unknown>,
): unknown[] {
  return operation.args.map(({ name }) => (name in params ? params[name] : body[name]));
}

/** The status that goes with an answer: its body is the `ApiResult` either way. */
export function httpStatusOf(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case BAD_ARGUMENT:
    case BAD_REQUEST:
      return 400;
    case 'unknown_slot':
      return 404;
    case 'already_running':
      return 409;
    default:
      return 500;
  }
}
