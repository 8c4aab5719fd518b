package io.connectionhealth.base.ui;

import com.vaadin.flow.component.combobox.ComboBox;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Enter in a filter combo box after typing: the combo box takes only an item the arrow keys highlighted, so typing
 * "unauth" and Enter selected nothing. Here the typed text picks the one item whose label contains it (or the one
 * whose label it is exactly); several or none leave the filter as it was, and the field says why.
 */
public final class TypedChoice {

    private TypedChoice() {
    }

    public static <T> void pickTheOnlyMatch(ComboBox<T> box, Function<String, List<T>> items,
                                            Function<T, String> label) {
        box.setAllowCustomValue(true);
        box.addValueChangeListener(e -> box.setInvalid(false));
        box.addCustomValueSetListener(e -> {
            List<T> candidates = items.apply(e.getDetail());
            T match = match(candidates, label, e.getDetail());
            if (match != null) {
                box.setValue(match);
                box.setInvalid(false);
            } else {
                long containing = candidates.stream().filter(i -> contains(label.apply(i), e.getDetail())).count();
                box.setErrorMessage(containing == 0 ? "Nothing here matches '" + e.getDetail().strip() + "'"
                        : containing + " match '" + e.getDetail().strip() + "': type more, or pick one from the list");
                box.setInvalid(true);
            }
        });
    }

    /** A box of the workspace's values, read when its list is first opened, that narrows as one types. */
    public static void listedWhenOpened(ComboBox<String> box, Supplier<List<String>> values) {
        box.setItems(q -> {
            String text = q.getFilter().orElse("").toLowerCase(Locale.ROOT);
            return values.get().stream().filter(v -> v.toLowerCase(Locale.ROOT).contains(text))
                    .skip(q.getOffset()).limit(q.getLimit());
        });
        pickTheOnlyMatch(box, typed -> values.get(), value -> value);
    }

    static <T> T match(List<T> items, Function<T, String> label, String typed) {
        String text = typed.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        List<T> exact = items.stream().filter(i -> label.apply(i).toLowerCase(Locale.ROOT).equals(text)).toList();
        if (exact.size() == 1) {
            return exact.getFirst();
        }
        List<T> containing = items.stream().filter(i -> contains(label.apply(i), typed)).toList();
        return containing.size() == 1 ? containing.getFirst() : null;
    }

    private static boolean contains(String label, String typed) {
        return label.toLowerCase(Locale.ROOT).contains(typed.strip().toLowerCase(Locale.ROOT));
    }
}
