package io.minersim.sealing.proving;

/**
 * The actors' epoch quantization ({@code quantize.rs}): epochs rounded to {@code offset + k·unit}, as
 * the expiration queues key their entries to a deadline's last epoch.
 */
public record QuantSpec(long unit, long offset) {

    public QuantSpec {
        if (unit <= 0) {
            throw new IllegalArgumentException("quantization unit must be positive, got " + unit);
        }
    }

    /** The first quantized epoch at or after {@code epoch}. */
    public long quantizeUp(long epoch) {
        long off = offset % unit;
        long remainder = (epoch - off) % unit;
        long quotient = (epoch - off) / unit;
        // Java's division truncates toward zero, as Rust's does: below the offset it already rounded up
        if (remainder == 0 || epoch - off < 0) {
            return unit * quotient + off;
        }
        return unit * (quotient + 1) + off;
    }

    /** The last quantized epoch at or before {@code epoch}. */
    public long quantizeDown(long epoch) {
        long next = quantizeUp(epoch);
        return next == epoch ? epoch : next - unit;
    }
}
