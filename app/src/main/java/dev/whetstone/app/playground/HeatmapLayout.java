package dev.whetstone.app.playground;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where each streamed token sits in the heatmap, without a node per token: one block of wrapped rows per
 * sample, stacked, each token a box exactly as wide as its text, so a row's tokens read as one line of text
 * (and the view draws a row's text in one call). Appending a token costs one width lookup; a new width
 * re-wraps every token (widths are cached by text, so a 32,768-token sample re-wraps in milliseconds). The
 * view draws only the rows on screen ({@link #visit}) and finds the token under the mouse ({@link #at}).
 *
 * <p>Example: {@code layout.add(piece); layout.visit(top, bottom, (y, row) -> draw(y, row));}
 */
final class HeatmapLayout {
    private final ToDoubleFunction<String> textWidth;
    private final double rowHeight;
    private final double blockGap;
    private final List<Block> blocks = new ArrayList<>();
    private double width = 400;
    private int size;

    /** Tokens {@code rowHeight} tall, {@code textWidth} wide, samples {@code blockGap} apart. */
    HeatmapLayout(ToDoubleFunction<String> textWidth, double rowHeight, double blockGap) {
        this.textWidth = textWidth;
        this.rowHeight = rowHeight;
        this.blockGap = blockGap;
    }

    /** What a token is drawn as: its text with a newline as ⏎ and an empty text as ∅. */
    static String shown(TokenPiece piece) {
        return piece.text().isEmpty() ? "∅" : piece.text().replace("\n", "⏎").replace("\t", "⇥");
    }

    /** Appends {@code piece} to its sample's block; a token ending in a newline ends its row. */
    void add(TokenPiece piece) {
        while (blocks.size() <= piece.sequence()) {
            blocks.add(new Block());
        }
        blocks.get(piece.sequence()).add(piece, textWidth.applyAsDouble(shown(piece)), width);
        size++;
    }

    /** Re-wraps every token to {@code newWidth}. */
    void width(double newWidth) {
        if (newWidth == width || newWidth <= 0) {
            return;
        }
        width = newWidth;
        for (Block block : blocks) {
            block.rewrap(width);
        }
    }

    void clear() {
        blocks.clear();
        size = 0;
    }

    /** Tokens laid out. */
    int size() {
        return size;
    }

    double rowHeight() {
        return rowHeight;
    }

    /** The height of every block and the gaps between them. */
    double height() {
        double h = 0;
        for (Block block : blocks) {
            h += block.rows * rowHeight + blockGap;
        }
        return Math.max(0, h - blockGap);
    }

    /** Calls {@code visitor} with each row that lies (partly) between {@code top} and {@code bottom}, top down. */
    void visit(double top, double bottom, Visitor visitor) {
        double y0 = 0;
        for (Block block : blocks) {
            double blockH = block.rows * rowHeight;
            if (y0 + blockH >= top && y0 <= bottom) {
                int firstRow = Math.max(0, (int) Math.floor((top - y0) / rowHeight));
                int lastRow = Math.min(block.rows - 1, (int) Math.floor((bottom - y0) / rowHeight));
                for (int row = firstRow; row <= lastRow; row++) {
                    int end = row + 1 < block.rows ? block.rowStart[row + 1] : block.size;
                    visitor.row(y0 + row * rowHeight, new Row(block, block.rowStart[row], end));
                }
            }
            y0 += blockH + blockGap;
        }
    }

    /** The token drawn at {@code (x, y)}, or null. */
    TokenPiece at(double x, double y) {
        TokenPiece[] found = new TokenPiece[1];
        visit(y, y, (top, row) -> {
            for (int i = 0; i < row.size(); i++) {
                if (x >= row.x(i) && x < row.x(i) + row.width(i) && y >= top && y < top + rowHeight) {
                    found[0] = row.piece(i);
                }
            }
        });
        return found[0];
    }

    /** Where token {@code position} of sample {@code sequence} is drawn, {@code [x, y, width]}, or null. */
    double[] boxOf(int sequence, int position) {
        double y0 = 0;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            if (b == sequence) {
                for (int i = 0; i < block.size; i++) {
                    if (block.pieces[i].position() == position) {
                        return new double[] {block.x[i], y0 + block.row[i] * rowHeight, block.w[i]};
                    }
                }
                return null;
            }
            y0 += block.rows * rowHeight + blockGap;
        }
        return null;
    }

    /** A row to draw, at its top {@code y}. */
    @FunctionalInterface
    interface Visitor {
        void row(double y, Row row);
    }

    /** The tokens of one row, left to right: each one's piece, left edge and width; {@link #text()} all of them. */
    static final class Row {
        private final Block block;
        private final int from;
        private final int to;

        private Row(Block block, int from, int to) {
            this.block = block;
            this.from = from;
            this.to = to;
        }

        int size() {
            return to - from;
        }

        TokenPiece piece(int i) {
            return block.pieces[from + i];
        }

        double x(int i) {
            return block.x[from + i];
        }

        double width(int i) {
            return block.w[from + i];
        }

        /** The row's tokens as one line of text, as drawn. */
        String text() {
            StringBuilder text = new StringBuilder();
            for (int i = from; i < to; i++) {
                text.append(shown(block.pieces[i]));
            }
            return text.toString();
        }
    }

    /** One sample's tokens in rows; arrays grow by doubling. */
    private static final class Block {
        TokenPiece[] pieces = new TokenPiece[64];
        double[] x = new double[64];
        double[] w = new double[64];
        int[] row = new int[64];
        int[] rowStart = new int[16];
        int size;
        int rows;
        double cursor;
        boolean breakNext;

        void add(TokenPiece piece, double boxWidth, double width) {
            if (size == pieces.length) {
                pieces = Arrays.copyOf(pieces, size * 2);
                x = Arrays.copyOf(x, size * 2);
                w = Arrays.copyOf(w, size * 2);
                row = Arrays.copyOf(row, size * 2);
            }
            pieces[size] = piece;
            w[size] = boxWidth;
            place(size, width);
            size++;
        }

        private void place(int i, double width) {
            if (rows == 0 || breakNext || (cursor > 0 && cursor + w[i] > width)) {
                if (rows == rowStart.length) {
                    rowStart = Arrays.copyOf(rowStart, rows * 2);
                }
                rowStart[rows++] = i;
                cursor = 0;
            }
            x[i] = cursor;
            row[i] = rows - 1;
            cursor += w[i];
            breakNext = pieces[i].text().endsWith("\n");
        }

        void rewrap(double width) {
            rows = 0;
            cursor = 0;
            breakNext = false;
            for (int i = 0; i < size; i++) {
                place(i, width);
            }
        }
    }
}
