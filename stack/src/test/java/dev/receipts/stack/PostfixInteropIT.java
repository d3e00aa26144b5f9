package dev.receipts.stack;

/**
 * Debian's Postfix 3.7 as the partner's MTA ({@link PostfixPeer}). Its reports: {@code delivered} 2.0.0 from the
 * virtual delivery agent, {@code failed} 5.1.1 for an unknown mailbox it accepted, {@code delayed} 4.4.1 when
 * the connection to the next hop is refused.
 */
class PostfixInteropIT extends RemoteMtaInterop {
    @Override
    RemoteMta newPartner() throws Exception {
        return PostfixPeer.create();
    }

    @Override
    String name() {
        return "Postfix";
    }

    @Override
    String unknownMailboxStatus() {
        return "5.1.1";
    }

    @Override
    String delayedStatus() {
        return "4.4.1";
    }
}
