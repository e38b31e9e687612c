import './components.css';
import type { ReactNode } from 'react';

/** An empty result that says why ("No blocking sessions right now"). */
export function EmptyState({ children, testId = 'empty' }: { children: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      {children}
    </div>
  );
}

export function LoadingState({ label }: { label: string }) {
  return (
    <div className="loading-state" data-testid="loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
