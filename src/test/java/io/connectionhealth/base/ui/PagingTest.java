package io.connectionhealth.base.ui;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.grid.Grid;
import io.connectionhealth.base.PageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static org.assertj.core.api.Assertions.assertThat;

class PagingTest {

    private final List<PageRequest> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    /** A service of {@code total} numbered rows that records the pages it was asked for. */
    private List<Long> rows(PageRequest page, long total) {
        asked.add(page);
        return LongStream.range(page.offset(), Math.min(total, page.offset() + page.limit())).boxed().toList();
    }

    @Test
    void aRequestForMoreThanOneServicePageIsSplitAndJoinedInOrder() {
        List<Long> got = Paging.fetch(10, 2_500, page -> rows(page, 100_000)).toList();

        assertThat(got).hasSize(2_500).startsWith(10L).endsWith(2_509L);
        assertThat(asked).containsExactly(PageRequest.of(1_000, 10), PageRequest.of(1_000, 1_010),
                PageRequest.of(500, 2_010));
    }

    @Test
    void aShortPageEndsTheFetch() {
        List<Long> got = Paging.fetch(0, 3_000, page -> rows(page, 1_200)).toList();

        assertThat(got).hasSize(1_200);
        assertThat(asked).as("no request past the end").hasSize(2);
    }

    @Test
    void aShortListShowsWholeAndALongOneScrollsInABoxUntilItIsShortAgain() {
        Grid<Long> grid = new Grid<>();

        Paging.shortList(grid, 30, page -> rows(page, 30));
        assertThat(grid.isAllRowsVisible()).isFalse();
        assertThat(grid.getHeight()).isEqualTo("28rem");
        assertThat(_size(grid)).isEqualTo(30);
        assertThat(_fetch(grid, 0, 30)).hasSize(30).endsWith(29L);

        Paging.shortList(grid, Paging.SHORT_LIST_ROWS, page -> rows(page, Paging.SHORT_LIST_ROWS));
        assertThat(grid.isAllRowsVisible()).isTrue();
        assertThat(grid.getHeight()).as("the box's height is gone, or it would cut the whole list").isNull();
        assertThat(_size(grid)).isEqualTo(Paging.SHORT_LIST_ROWS);
    }
}
