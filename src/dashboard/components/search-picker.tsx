import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api.ts';

export interface PickerItem {
  id: string;
  label: string;
  detail?: string;
}

/**
 * A search box whose matches are listed as buttons ("Add Acme"): reachable with Tab, announced
 * as a count, no custom keyboard model to learn.
 */
export function SearchPicker(props: {
  label: string;
  placeholder?: string;
  search: (text: string) => Promise<PickerItem[]>;
  onPick: (item: PickerItem) => void;
}) {
  const [text, setText] = useState('');
  const [items, setItems] = useState<PickerItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const { search } = props;
  useEffect(() => {
    const needle = text.trim();
    if (!needle) {
      setItems(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      search(needle)
        .then((found) => {
          if (cancelled) return;
          setItems(found);
          setError(null);
        })
        .catch((failure) => !cancelled && setError(messageOf(failure)));
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `search` changes identity every render; the text is what starts a search.
  }, [text]);
  return (
    <div class="picker">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={props.placeholder}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <p class="visually-hidden" aria-live="polite">
        {items ? `${items.length} matches` : ''}
      </p>
      {error && <p class="error">{error}</p>}
      {items && items.length === 0 && <p class="muted">No match.</p>}
      {items && items.length > 0 && (
        <ul class="picker-results">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => {
                  props.onPick(item);
                  setItems((current) => current?.filter((i) => i.id !== item.id) ?? null);
                }}
              >
                Add {item.label}
              </button>
              {item.detail && <span class="muted"> {item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
