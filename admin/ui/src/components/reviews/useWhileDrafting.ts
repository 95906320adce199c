import { useEffect } from 'preact/hooks';

/** While a cycle is still opening (its reviews being drafted), reads `reload` again every 2 s: the progress moves on its own. */
export function useWhileDrafting(drafting: boolean, reload: () => unknown, everyMs = 2000): void {
  useEffect(() => {
    if (!drafting) return;
    const timer = setInterval(() => void reload(), everyMs);
    return () => clearInterval(timer);
  }, [drafting]);
}
