package io.connectionhealth.base.ui;

import io.connectionhealth.base.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** Turns a lazy component's offset/limit into service pages of at most {@link PageRequest#MAX_LIMIT} rows. */
public final class Paging {

    private Paging() {
    }

    public static <T> Stream<T> fetch(int offset, int limit, Function<PageRequest, List<T>> page) {
        if (limit <= PageRequest.MAX_LIMIT) {
            return page.apply(PageRequest.of(Math.max(1, limit), offset)).stream();
        }
        List<T> all = new ArrayList<>(limit);
        while (all.size() < limit) {
            int size = Math.min(PageRequest.MAX_LIMIT, limit - all.size());
            List<T> chunk = page.apply(PageRequest.of(size, (long) offset + all.size()));
            all.addAll(chunk);
            if (chunk.size() < size) {
                break;
            }
        }
        return all.stream();
    }
}
