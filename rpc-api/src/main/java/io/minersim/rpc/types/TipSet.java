package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code types.TipSet} as Lotus writes it ({@code ExpTipSet}): the block CIDs, the blocks, the height.
 *
 * @param cids the blocks' CIDs, in the blocks' order (the tipset key)
 * @param blocks the block headers, at least one
 * @param height the epoch
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TipSet(
        @JsonProperty("Cids") List<CidLink> cids,
        @JsonProperty("Blocks") List<BlockHeader> blocks,
        @JsonProperty("Height") long height) {
    public TipSet {
        cids = Checks.listOrEmpty(cids, "TipSet", "Cids");
        blocks = Checks.listOrEmpty(blocks, "TipSet", "Blocks");
        if (blocks.isEmpty() || cids.size() != blocks.size()) {
            throw new IllegalArgumentException("TipSet needs at least one block and one CID per block, got "
                    + blocks.size() + " blocks and " + cids.size() + " CIDs");
        }
        for (BlockHeader b : blocks) {
            if (b.height() != height) {
                throw new IllegalArgumentException("TipSet at height " + height + " holds a block at " + b.height());
            }
        }
    }
}
