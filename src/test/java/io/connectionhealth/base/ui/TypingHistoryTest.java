package io.connectionhealth.base.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypingHistoryTest {

    @Test
    void aRunOfTypingAddsOneEntryAndANavigationStartsANewRun() {
        TypingHistory typing = new TypingHistory(NotFoundView.class);
        assertThat(typing.nextAddsEntry()).as("the first change keeps the entry before it").isTrue();
        assertThat(typing.nextAddsEntry()).as("later changes replace the run's entry").isFalse();
        assertThat(typing.nextAddsEntry()).isFalse();
        typing.navigated();
        assertThat(typing.nextAddsEntry()).isTrue();
        assertThat(typing.nextAddsEntry()).isFalse();
    }
}
