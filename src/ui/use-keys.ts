/**
 * Keys, one at a time. ink's useInput hands a run of typed characters to its handler as
 * one string and drops backspaces in it (`"e\x7f\x7f2\r"` arrives as `"e2\r"`), which
 * loses keys from a fast typist, a paste or a script. ink already splits escape
 * sequences from text runs; this hook decodes each run into single keys.
 */
import { useStdin } from 'ink';
import { useEffect, useRef, useState } from 'react';

export interface KeyInfo {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  shift: boolean;
  backspace: boolean;
  ctrl: boolean;
}

export type KeyHandler = (input: string, key: KeyInfo) => void;

const NONE: KeyInfo = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, return: false, escape: false, tab: false, shift: false, backspace: false, ctrl: false,
};

const SEQUENCES: Record<string, Partial<KeyInfo>> = {
  '\u001B[A': { upArrow: true },
  '\u001B[B': { downArrow: true },
  '\u001B[C': { rightArrow: true },
  '\u001B[D': { leftArrow: true },
  '\u001BOA': { upArrow: true },
  '\u001BOB': { downArrow: true },
  '\u001BOC': { rightArrow: true },
  '\u001BOD': { leftArrow: true },
  '\u001B[Z': { tab: true, shift: true },
  '\u001B': { escape: true },
  '\u001B\u001B': { escape: true },
};

/** One chunk of terminal input -> keys. Unknown escape sequences are dropped. */
export function decodeKeys(data: string): { input: string; key: KeyInfo }[] {
  if (data.startsWith('\u001B')) {
    const known = SEQUENCES[data];
    return known ? [{ input: '', key: { ...NONE, ...known } }] : [];
  }
  return [...data].map((ch) => {
    if (ch === '\r' || ch === '\n') return { input: '', key: { ...NONE, return: true } };
    if (ch === '\t') return { input: '', key: { ...NONE, tab: true } };
    if (ch === '\u007F' || ch === '\b') return { input: '', key: { ...NONE, backspace: true } };
    const code = ch.charCodeAt(0);
    if (code < 32) return { input: String.fromCharCode(code + 96), key: { ...NONE, ctrl: true } };
    return { input: ch, key: NONE };
  });
}

/** Whether a screen takes keys; a function is asked at the moment the key arrives. */
export type Activity = boolean | (() => boolean);

/** Whether `a` says active right now. */
export function activeNow(a: Activity): boolean {
  return typeof a === 'function' ? a() : a;
}

/**
 * Returns true once keys are read in raw mode: until then a terminal in line mode would
 * echo and line-edit what is typed, so screens draw their key bar (the ready marker
 * that scripts and tests wait for) only then.
 *
 * Subscribes once, for the component's life, and asks `isActive` per key: a screen that
 * was just uncovered (help closed) must not miss a key that arrives before React has
 * re-run its effects, and a covered one must not see the key that uncovers it.
 */
export function useKeys(handler: KeyHandler, opts: { isActive?: Activity } = {}): boolean {
  const { internal_eventEmitter: emitter, setRawMode } = useStdin();
  const [ready, setReady] = useState(false);
  const latest = useRef({ handler, isActive: opts.isActive ?? true });
  latest.current = { handler, isActive: opts.isActive ?? true };
  useEffect(() => {
    setRawMode(true);
    const onInput = (data: string): void => {
      for (const k of decodeKeys(data)) {
        const { handler: h, isActive } = latest.current;
        if (activeNow(isActive)) h(k.input, k.key);
      }
    };
    emitter.on('input', onInput);
    setReady(true);
    return () => {
      emitter.off('input', onInput);
      setRawMode(false);
    };
  }, [emitter, setRawMode]);
  return ready;
}
