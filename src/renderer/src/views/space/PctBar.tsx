import { pct } from '../../components/units';
import { fullness } from './format';

/** A percentage with its bar, coloured by how full (85 % / 95 %). */
export function PctBar({ value, lang }: { value: number | null; lang: string }) {
  return (
    <>
      <span className={`pct-bar ${fullness(value)}`}>
        <span style={{ width: `${Math.max(0, Math.min(100, value ?? 0))}%` }} />
      </span>
      {pct(value, lang)}
    </>
  );
}
