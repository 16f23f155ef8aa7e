import FaberCore

extension HandlerContext {
    /// The context a step gives its handler, for calling a handler directly in a test: a fresh run
    /// scope (the caller shuts it down when it made clients), the test console.
    public static func testing(
        workspace: String, skillDirectory: String? = nil, configuration: PluginConfiguration = PluginConfiguration(),
        environment: String? = nil, options: RunOptions = RunOptions(), console: any Console = TestConsole(),
        scope: RunScope = RunScope(), stepID: String = "test"
    ) -> HandlerContext {
        HandlerContext(
            workspace: workspace, skillDirectory: skillDirectory, stepID: stepID, configuration: configuration,
            environment: environment, options: options, console: console, scope: scope)
    }
}
