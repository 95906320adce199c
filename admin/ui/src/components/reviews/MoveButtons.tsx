import { t } from '../../i18n';

/** Up, down and remove for an entry of a list (a section, an item, a rule). */
export function MoveButtons({ index, count, what, onMove, onRemove, canRemove = count > 1 }: { index: number; count: number; what: string; onMove: (by: number) => void; onRemove: () => void; canRemove?: boolean }) {
  return (
    <span class="move-buttons">
      <button type="button" class="icon-button" data-testid="move-up" disabled={index === 0} aria-label={t('reviews.editor.moveUp', { what })} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" class="icon-button" data-testid="move-down" disabled={index === count - 1} aria-label={t('reviews.editor.moveDown', { what })} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" class="icon-button" data-testid="remove" disabled={!canRemove} aria-label={t('reviews.editor.remove', { what })} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}
