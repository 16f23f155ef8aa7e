import FaberCore

/// The generic handlers every workflow can use.
public enum CoreHandlers: HandlerModule {
    public static let handlers: [any Handler] = [RenderHandler(), ConfirmHandler(), SaveReportHandler(), FailHandler()]
}
