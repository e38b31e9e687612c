/**
 * The chart's data: one `activity:aas` read per range / dimension / filters / source, then every pushed
 * sample merged in the renderer (live mode): the chart moves with each sample without asking main again.
 */

import { TmsError } from '@shared/errors';
import type { ActivityAas, ActivityDimension, ActivitySamplesEvent } from '@shared/types/activity';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { bucketFor, mergeSample } from './chart-model';
import type { RowFilter } from './dimensions';
import { useActivitySamples } from './useActivity';

export const MAX_SERIES = 12;
const CPU_RETRY_MS = 30_000;
export type SourceChoice = 'auto' | 'sampler' | 'ash';

export interface AasState {
  aas: ActivityAas | undefined;
  error: TmsError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** pushed samples merged since the last read */
  merged: number;
}

export function useAas(
  connId: string | undefined,
  rangeMs: number,
  dimension: ActivityDimension,
  filters: readonly RowFilter[],
  live: boolean,
  source: SourceChoice,
  onSample?: (e: ActivitySamplesEvent) => void,
): AasState {
  const [aas, setAas] = useState<ActivityAas>();
  const [error, setError] = useState<TmsError>();
  const [loading, setLoading] = useState(false);
  const [merged, setMerged] = useState(0);
  const seq = useRef(0);
  const loadingRef = useRef(false);
  const cpuRetryAt = useRef(0);
  const filtersKey = JSON.stringify(filters);

  const reload = useCallback(async () => {
    if (!connId) return;
    const mine = ++seq.current;
    setLoading(true);
    loadingRef.current = true;
    try {
      const answer = await call('activity:aas', {
        connId,
        range: { rangeMs },
        dimension,
        bucketSec: bucketFor(rangeMs),
        maxSeries: MAX_SERIES,
        filters: JSON.parse(filtersKey) as RowFilter[],
        source,
      });
      if (mine !== seq.current) return;
      setAas(answer);
      setError(undefined);
      setMerged(0);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    } finally {
      if (mine === seq.current) {
        setLoading(false);
        loadingRef.current = false;
      }
    }
  }, [connId, rangeMs, dimension, filtersKey, source]);

  useEffect(() => {
    setAas(undefined);
    void reload();
  }, [reload]);

  useEffect(() => {
    const onRefresh = () => void reload();
    window.addEventListener('tms:refresh-view', onRefresh);
    return () => window.removeEventListener('tms:refresh-view', onRefresh);
  }, [reload]);

  const current = useRef<ActivityAas | undefined>(undefined);
  current.current = aas;
  useActivitySamples(connId, (e) => {
    onSample?.(e);
    if (!live) return;
    const shown = current.current;
    // read before the sampler's first sample: no CPU_COUNT yet; ask once more (at most every 30 s)
    if (
      shown &&
      shown.cpuCount === null &&
      Date.now() - cpuRetryAt.current > CPU_RETRY_MS &&
      !loadingRef.current
    ) {
      cpuRetryAt.current = Date.now();
      void reload();
      return;
    }
    // roll-up answers (long ranges) cannot take raw rows: read again once a sample passes their end
    if (shown?.resolution === 'rollup') {
      if (e.sample.t >= shown.to && !loadingRef.current) void reload();
      return;
    }
    setAas((prev) => {
      // ASH answers are Oracle's own samples: pushed sampler rows are not merged into them
      if (!prev || prev.source === 'ash' || prev.source !== e.source) return prev;
      const next = mergeSample(prev, e.sample, filters, MAX_SERIES);
      if (next !== prev) setMerged((m) => m + 1);
      return next;
    });
  });

  return { aas, error, loading, reload, merged };
}
