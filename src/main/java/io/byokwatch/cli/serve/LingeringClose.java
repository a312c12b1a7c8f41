package io.byokwatch.cli.serve;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection the way a web server must when the client may still be sending (a request refused before its
 * body was read): the answer goes out, the sending side is shut, and what still arrives is read and dropped for a
 * short while before the socket is closed. Closing at once with unread input makes the kernel reset the connection,
 * and a reset can destroy the answer before the client reads it. First in the pipeline, so that once it lingers
 * nothing it drops reaches the HTTP decoder.
 */
final class LingeringClose extends ChannelDuplexHandler {
    private final long lingerMillis;
    private boolean lingering;

    LingeringClose(Duration linger) {
        this.lingerMillis = linger.toMillis();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering || !(ctx.channel() instanceof DuplexChannel ch) || !ch.isActive() || ch.isOutputShutdown()) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        ch.shutdownOutput().addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close(promise);
                return;
            }
            ch.config().setAutoRead(true);
            ctx.read();
            ctx.executor().schedule(() -> {
                ctx.close(promise);
            }, lingerMillis, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!lingering) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (lingering && evt instanceof ChannelInputShutdownEvent) {
            ctx.channel().close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }
}
