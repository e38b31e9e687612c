import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { setTimeDisplay, type TimeDisplay } from './units';

/**
 * Local time or database time for every time on screen. The provider keeps the choice (localStorage)
 * and the database host's offset (from the health read) and publishes both to the formatters in
 * units.ts before its children render; components that memoize call useTimeDisplay() so they re-render
 * when it changes.
 */
interface TimeDisplayValue extends TimeDisplay {
  setMode: (mode: TimeDisplay['mode']) => void;
  setDbOffset: (min: number | null) => void;
}

const TimeDisplayContext = createContext<TimeDisplayValue>({
  mode: 'local',
  dbOffsetMin: null,
  setMode: () => undefined,
  setDbOffset: () => undefined,
});

export function TimeDisplayProvider({ children }: { children: ReactNode }) {
  const [mode, setModeState] = useState<TimeDisplay['mode']>(() =>
    localStorage.getItem('tms.timeDisplay') === 'database' ? 'database' : 'local',
  );
  const [dbOffsetMin, setDbOffset] = useState<number | null>(null);
  const setMode = useCallback((m: TimeDisplay['mode']) => {
    localStorage.setItem('tms.timeDisplay', m);
    setModeState(m);
  }, []);
  const value = useMemo(() => ({ mode, dbOffsetMin, setMode, setDbOffset }), [mode, dbOffsetMin, setMode]);
  // published before the children render, so every formatter of this render uses it
  setTimeDisplay({ mode, dbOffsetMin });
  return <TimeDisplayContext.Provider value={value}>{children}</TimeDisplayContext.Provider>;
}

export function useTimeDisplay(): TimeDisplayValue {
  return useContext(TimeDisplayContext);
}
