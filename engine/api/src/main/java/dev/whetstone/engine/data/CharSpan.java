package dev.whetstone.engine.data;

/** Characters {@code [start, end)} of a rendered text, e.g. one assistant reply and its end-of-turn token. */
record CharSpan(int start, int end) {

    CharSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start <= end, was [" + start + ", " + end + ")");
        }
    }

    boolean overlaps(int otherStart, int otherEnd) {
        return otherStart < end && otherEnd > start;
    }
}
