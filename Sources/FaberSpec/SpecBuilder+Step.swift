import FaberCore

extension SpecBuilder {
    /// One ```step block. `id` defaults to the slug of the heading above it (`step-<n>` without one).
    mutating func step(_ block: MarkdownDocument.StepBlock, index: Int, path: String) -> StepSpec? {
        let location = SourceLocation(path: path, line: block.line, column: block.column)
        var problems: [Diagnostic] = []
        let parsed = YAMLParser.parse(
            block.yaml, path: path, lineOffset: block.line - 1, columnOffset: block.column - 1, diagnostics: &problems)
        diagnostics += problems
        guard let node = parsed else {
            if !problems.hasErrors {
                report(.error("step block is empty", at: location, hint: "add at least 'uses: <handler or skill:operation>'"))
            }
            return nil
        }
        guard node.mappingPairs != nil else {
            report(.error("a step block must be a mapping of step keys such as 'uses:' and 'with:'", at: node.location))
            return nil
        }
        let id = stepID(node, heading: block.heading, index: index, location: location)
        let kind = "step '\(id.value)'"
        checkKeys(node, known: SpecKeys.step, in: kind, severity: .error)
        requireKey("uses", in: node, kind: kind, at: location)
        let uses = string("uses", in: node, what: "a handler id such as core.render, or <skill>:<operation>")
        let needs = stringList("needs", in: node, what: "a list of step ids")
        let condition = string("if", in: node, what: "an expression such as ${{ inputs.env == 'prod' }}")
        let with = mapping("with", in: node, what: "a mapping of parameter names to values")
        let concurrency = integer("concurrency", in: node, minimum: 1, what: "a whole number of at least 1")
        let timeout = duration("timeout", in: node)
        let retry = retry(in: node)
        let onError = choice("on_error", in: node, cases: [StepSpec.OnError.fail, .continue]) ?? .fail
        guard let uses, !uses.value.trimmingWhitespace().isEmpty else {
            if let empty = uses { report(.error("'uses' must not be empty", at: empty.location)) }
            return nil
        }
        return StepSpec(
            id: id, heading: block.heading, location: location, uses: uses, with: with, needs: needs,
            condition: condition, forEach: node["for_each"], concurrency: concurrency?.value, retry: retry,
            timeout: timeout, onError: onError)
    }

    private mutating func stepID(_ node: YAMLNode, heading: String?, index: Int, location: SourceLocation) -> Located<String> {
        if let written = string("id", in: node, what: "a step id of letters, digits, '-' and '_'") {
            let valid =
                !written.value.isEmpty
                && written.value.allSatisfy {
                    ($0.isLetter || $0.isNumber) && $0.isASCII || $0 == "-" || $0 == "_"
                }
            if !valid {
                report(.error("step id '\(written.value)' may hold only letters, digits, '-' and '_'", at: written.location))
            }
            return written
        }
        let slug = heading.map(Self.slug) ?? ""
        return Located(slug.isEmpty ? "step-\(index + 1)" : slug, at: location)
    }

    /// `retry: 3` or `retry: {attempts: 3, backoff: 2s}` (backoff defaults to 1s, doubled each time).
    private mutating func retry(in node: YAMLNode) -> StepSpec.Retry? {
        guard let retry = node["retry"], !Self.isNull(retry) else { return nil }
        let what = "a number of attempts or {attempts: 3, backoff: 2s}"
        if retry.scalarText != nil {
            guard case .int(let attempts) = retry.value, attempts >= 1 else {
                report(.error("'retry' must be \(what)", at: retry.location))
                return nil
            }
            return StepSpec.Retry(attempts: attempts, backoff: 1, location: retry.location)
        }
        guard retry.mappingPairs != nil else {
            report(.error("'retry' must be \(what)", at: retry.location))
            return nil
        }
        checkKeys(retry, known: SpecKeys.retry, in: "retry", severity: .error)
        requireKey("attempts", in: retry, kind: "retry", at: retry.location)
        let attempts = integer("attempts", in: retry, minimum: 1, what: "a whole number of at least 1")
        let backoff = duration("backoff", in: retry)
        guard let attempts else { return nil }
        return StepSpec.Retry(attempts: attempts.value, backoff: backoff?.value ?? 1, location: retry.location)
    }
}
