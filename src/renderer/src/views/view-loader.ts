import { type ComponentType, createElement, useEffect, useState } from 'react';

export interface LoadableView {
  /** renders the view: at once when its code is loaded, else nothing until it is */
  component: ComponentType;
  /** loads the view's code (once); start-up calls it for the first view, in parallel with its data */
  preload: () => Promise<void>;
}

/**
 * A view's code, loaded on demand without Suspense. React holds a suspended boundary's content back
 * for up to 300 ms after its fallback showed (its fallback throttle), which delayed the first view at
 * start-up by most of that although its code had arrived. Here a view whose code is loaded renders in
 * the same pass as the shell; one whose code is not yet there renders nothing for the moment its chunk
 * takes, then itself (an ordinary state update, not a throttled retry). A failed load throws in render,
 * so the view's error boundary shows it.
 */
export function loadableView(load: () => Promise<{ default: ComponentType }>): LoadableView {
  let loaded: ComponentType | undefined;
  let pending: Promise<void> | undefined;
  const preload = (): Promise<void> => {
    pending ??= load().then(
      (module) => {
        loaded = module.default;
      },
      (error: unknown) => {
        pending = undefined; // a later visit tries again
        throw error;
      },
    );
    return pending;
  };

  // biome-ignore lint/correctness/noComponentHookFactories: made once per view when the registry loads, as React.lazy makes its component
  function LoadableViewComponent() {
    const [Component, setComponent] = useState<ComponentType | undefined>(() => loaded);
    const [failure, setFailure] = useState<{ error: unknown }>();
    useEffect(() => {
      if (Component) return;
      let live = true;
      preload().then(
        () => {
          if (live) setComponent(() => loaded);
        },
        (error: unknown) => {
          if (live) setFailure({ error });
        },
      );
      return () => {
        live = false;
      };
    }, [Component]);
    if (failure) throw failure.error;
    return Component ? createElement(Component) : null;
  }
  return { component: LoadableViewComponent, preload };
}
