package io.byokwatch.cli.serve;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection that has not delivered a whole request head (request line and headers) within the deadline of
 * opening, or of the end of its previous response. A read timeout alone would not do: it restarts with every byte,
 * so a client sending one byte every few seconds would hold its connection forever. Sits after the HTTP decoder, so
 * it sees a request only once its head is complete.
 */
final class HeadDeadline extends ChannelDuplexHandler {
    private final long nanos;
    private ScheduledFuture<?> pending;

    HeadDeadline(Duration deadline) {
        this.nanos = deadline.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            disarm();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent) {
            // the response is complete: a kept-alive connection now has the deadline again for its next request
            promise.addListener(f -> {
                if (f.isSuccess() && ctx.channel().isActive()) {
                    arm(ctx);
                }
            });
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        disarm();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        pending = ctx.executor().schedule(() -> {
            ctx.channel().close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
