package dev.receipts.mailets.core;

import java.util.List;
import java.util.Optional;

/**
 * What {@link FieldBlockParser} read: the blocks in order, and the lines it had to skip.
 */
public final class FieldBlocks {
    private final List<FieldBlock> blocks;
    private final List<String> problems;

    public FieldBlocks(List<FieldBlock> blocks, List<String> problems) {
        this.blocks = List.copyOf(blocks);
        this.problems = List.copyOf(problems);
    }

    public List<FieldBlock> blocks() {
        return blocks;
    }

    public List<String> problems() {
        return problems;
    }

    /** The value of the first field with this name in any block, in order. */
    public Optional<String> first(String name) {
        return blocks.stream()
            .map(block -> block.first(name))
            .flatMap(Optional::stream)
            .findFirst();
    }
}
