/**
 * The base of the stand-in's Electron classes. Electron's classes are Node event emitters whose
 * `on`/`once` return the Electron class itself; a stand-in can only return itself, so these are typed
 * `never` (the app never chains them) and stay assignable to Electron's signatures.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => void;

export class StandInEmitter extends EventEmitter {
  override on(event: string | symbol, listener: Listener): never {
    return super.on(event, listener as (...args: unknown[]) => void) as never;
  }

  override once(event: string | symbol, listener: Listener): never {
    return super.once(event, listener as (...args: unknown[]) => void) as never;
  }
}

/** An Electron event whose default a listener may prevent (`before-quit`, `will-navigate`, …). */
export function createPreventableEvent(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}
