/**
 * `run` at most once per animation frame however often the returned function is called (a zoom
 * step alone brings three events). Animation frame callbacks run after the frame's scroll events
 * and before it is painted: no frame shows the view moved but not yet redrawn.
 */
export function oncePerFrame(run: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      run();
    });
  };
}
