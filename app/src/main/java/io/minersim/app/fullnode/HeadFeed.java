package io.minersim.app.fullnode;

import io.minersim.rpc.types.HeadChange;
import io.minersim.sealing.chain.HeadListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.LongSupplier;

/**
 * The head as the full node reports it: {@code ChainNotify}'s publisher (each subscriber gets
 * {@code [current head]}, then {@code [apply …]} for the tipsets of each move, at most the last
 * {@value #MAX_APPLIES} of a jump) and a wait for {@code StateWaitMsg}. It hears the chain clock after the miners,
 * so a head it reports is one the miners' state has reached.
 */
final class HeadFeed implements HeadListener, Flow.Publisher<List<HeadChange>> {
    /** The most tipsets one move reports (Lotus's head-change buffer is 16 deep). */
    static final int MAX_APPLIES = 16;

    private final SimulatedTipsets tipsets;
    private final LongSupplier head;
    private final Set<Sub> subscribers = ConcurrentHashMap.newKeySet();
    private final Object moved = new Object();
    private long last;

    HeadFeed(SimulatedTipsets tipsets, LongSupplier head) {
        this.tipsets = tipsets;
        this.head = head;
        this.last = head.getAsLong();
    }

    @Override
    public void onHead(long epoch) {
        synchronized (moved) {
            long from = last;
            last = Math.max(last, epoch);
            moved.notifyAll();
            if (epoch <= from || subscribers.isEmpty()) {
                return;
            }
            List<HeadChange> applies = new ArrayList<>();
            for (long h = Math.max(from + 1, epoch - MAX_APPLIES + 1); h <= epoch; h++) {
                applies.add(new HeadChange(HeadChange.APPLY, tipsets.tipSet(h)));
            }
            List<HeadChange> value = List.copyOf(applies);
            for (Sub s : subscribers) {
                s.deliver(value); // a WebSocket send: queued, never blocking
            }
        }
    }

    /** Waits until the head moves past {@code epoch} (or returns at once if it has). */
    void awaitHeadAfter(long epoch) throws InterruptedException {
        synchronized (moved) {
            while (last <= epoch && head.getAsLong() <= epoch) {
                moved.wait(1000);
            }
        }
    }

    @Override
    public void subscribe(Flow.Subscriber<? super List<HeadChange>> subscriber) {
        Sub s = new Sub(subscriber);
        subscriber.onSubscribe(s);
        synchronized (moved) {
            if (!s.cancelled) {
                long now = Math.max(last, head.getAsLong());
                s.deliver(List.of(new HeadChange(HeadChange.CURRENT, tipsets.tipSet(now))));
                subscribers.add(s);
            }
        }
    }

    /** How many ChainNotify channels are open. */
    int subscribers() {
        return subscribers.size();
    }

    private final class Sub implements Flow.Subscription {
        private final Flow.Subscriber<? super List<HeadChange>> subscriber;
        private volatile boolean cancelled;

        Sub(Flow.Subscriber<? super List<HeadChange>> subscriber) {
            this.subscriber = subscriber;
        }

        void deliver(List<HeadChange> value) {
            if (!cancelled) {
                subscriber.onNext(value);
            }
        }

        @Override
        public void request(long n) {
            // values go out as heads come; the WebSocket session bounds what a connection may be owed
        }

        @Override
        public void cancel() {
            cancelled = true;
            subscribers.remove(this);
        }
    }
}
