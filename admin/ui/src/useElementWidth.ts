import { useLayoutEffect, useState, type MutableRef } from 'preact/hooks';

/** The element's content width in CSS pixels, kept up to date as it resizes (0 until measured). */
export function useElementWidth(ref: MutableRef<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return width;
}
