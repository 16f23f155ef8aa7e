import FaberCore

/// The generic handlers every workflow can use.
public enum CoreHandlers {
    public static let all: [any Handler] = [RenderHandler(), ConfirmHandler(), SaveReportHandler()]
}
