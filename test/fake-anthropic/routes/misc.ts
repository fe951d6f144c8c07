import { apiError, type Exchange, type FakeState, reply } from '../exchange';

/** HEAD/GET /api/hello: the real CLI's connectivity probe. */
export function handleHello(state: FakeState, ex: Exchange): void {
  reply(state, ex, 200, { message: 'hello' });
}

/** Any other route: 404, logged so a test can see what the real CLI asked for. */
export function handleUnknown(state: FakeState, ex: Exchange): void {
  reply(state, ex, 404, apiError('not_found_error', `Not found: ${ex.req.method} ${ex.path}`));
}
