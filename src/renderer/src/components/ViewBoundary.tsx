import { TmsError } from '@shared/errors';
import { Component, type ComponentType, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

interface State {
  error: TmsError | undefined;
  /** a lazily loaded view's file could not be fetched (e.g. the app was rebuilt): only a reload helps */
  chunkFailed: boolean;
}

const CHUNK_FAILURE =
  /dynamically imported module|Importing a module script failed|error loading dynamically/i;

/** Keeps a rendering failure inside one view: the shell (sidebar, header, switcher) stays usable. */
export class ViewBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: undefined, chunkFailed: false };

  static getDerivedStateFromError(error: unknown): State {
    const message = error instanceof Error ? error.message : String(error);
    return { error: new TmsError('INTERNAL', message), chunkFailed: CHUNK_FAILURE.test(message) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('view failed to render', error, info.componentStack);
  }

  render(): ReactNode {
    if (this.state.error) {
      const retry = this.state.chunkFailed
        ? () => window.location.reload()
        : () => this.setState({ error: undefined, chunkFailed: false });
      return <ErrorMessage error={this.state.error} onRetry={retry} />;
    }
    return this.props.children;
  }
}

export function withViewBoundary(View: ComponentType): ComponentType {
  const Wrapped = () => (
    <ViewBoundary>
      <View />
    </ViewBoundary>
  );
  Wrapped.displayName = `WithViewBoundary(${View.displayName ?? View.name})`;
  return Wrapped;
}
