/**
 * useReducer whose current state can be read at once through `get()`. Keys can arrive
 * faster than React commits (a paste, a script, a fast typist); a key handler that read
 * the state of the last render would act on a stale state, so handlers read `get()`.
 */
import { useCallback, useRef, useState } from 'react';

export function useSyncReducer<S, A, I>(reducer: (s: S, a: A) => S, arg: I, init: (arg: I) => S): [S, (a: A) => void, () => S] {
  const ref = useRef<S | undefined>(undefined);
  const [state, setState] = useState<S>(() => {
    ref.current = init(arg);
    return ref.current;
  });
  const dispatch = useCallback(
    (a: A) => {
      ref.current = reducer(ref.current as S, a);
      setState(ref.current);
    },
    [reducer],
  );
  const get = useCallback(() => ref.current as S, []);
  return [state, dispatch, get];
}
