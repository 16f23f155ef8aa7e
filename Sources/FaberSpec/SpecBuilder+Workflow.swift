import FaberCore

extension SpecBuilder {
    /// `skills/<skill>/workflow/<name>.md`: front matter `name`, `description`, `inputs`, `outputs`;
    /// every ```step block of the body is one step, in document order.
    public mutating func workflow(from file: SpecFile, name fileName: String, skill: String) -> WorkflowSpec {
        let front = file.frontMatter
        let document = MarkdownDocument(markdown: file.body, firstLine: file.bodyStartLine)
        // Markdown without a step, and without faber's workflow keys, is documentation (Claude
        // Code plugins keep notes on their workflows there).
        let declaresWorkflow = ["name", "inputs", "outputs"].contains { front?[$0] != nil }
        let kind: SpecKind = document.stepBlocks.isEmpty && !declaresWorkflow ? .documentation : .runnable
        if kind == .runnable {
            checkKeys(front, known: SpecKeys.workflow, in: "workflow", severity: .warning)
            if !file.hasFrontMatterErrors { requireKey("name", in: front, kind: "workflow", at: file.frontMatterLocation) }
        }
        for miss in document.nearMisses {
            report(
                .warning(
                    "a fenced block marked '\(miss.info)' is not a step; only '```step' blocks are",
                    at: SourceLocation(path: file.path, line: miss.line, column: miss.column),
                    hint: "write ```step to make it a step, or another info string (e.g. ```yaml) to keep it as documentation"))
        }
        guard kind == .runnable else {
            return WorkflowSpec(
                name: fileName, skill: skill, file: file, kind: kind, description: front?["description"]?.scalarText,
                inputs: [], outputs: [], steps: [])
        }
        var outputs: [(name: String, value: YAMLNode)] = []
        let outputMap = mapping("outputs", in: front, what: "a mapping of output names to values such as ${{ steps.x.outputs.y }}")
        for pair in outputMap?.mappingPairs ?? [] {
            if let name = pair.key.scalarText { outputs.append((name, pair.value)) }
        }
        return WorkflowSpec(
            name: string("name", in: front)?.value ?? fileName, skill: skill, file: file, kind: kind,
            description: string("description", in: front)?.value,
            inputs: inputs(in: front), outputs: outputs, steps: steps(of: document, path: file.path))
    }

    /// `inputs:` name -> {required, default, description} or name -> "description".
    private mutating func inputs(in front: YAMLNode?) -> [WorkflowSpec.Input] {
        let map = mapping("inputs", in: front, what: "a mapping of input names to {required, default, description}")
        var result: [WorkflowSpec.Input] = []
        for pair in map?.mappingPairs ?? [] {
            guard let name = pair.key.scalarText else { continue }
            var input = WorkflowSpec.Input(
                name: name, location: pair.key.location, required: false, defaultValue: nil, description: nil)
            let node = pair.value
            if Self.isNull(node) {
            } else if let text = node.scalarText {
                input.description = text
            } else if node.mappingPairs != nil {
                checkKeys(node, known: SpecKeys.input, in: "input '\(name)'", severity: .warning)
                input.required = bool("required", in: node) ?? false
                input.defaultValue = node["default"].flatMap { Self.isNull($0) ? nil : $0 }
                input.description = string("description", in: node)?.value
            } else {
                report(
                    .error(
                        "input '\(name)' must be a description or {required, default, description}",
                        at: node.location))
            }
            result.append(input)
        }
        return result
    }

    /// One `StepSpec` per ```step block. Blocks with errors that leave no `uses` are left out
    /// (their errors are reported); duplicate ids are errors at the second one.
    mutating func steps(of document: MarkdownDocument, path: String) -> [StepSpec] {
        var steps: [StepSpec] = []
        var firstUse: [String: SourceLocation] = [:]
        for (index, block) in document.stepBlocks.enumerated() {
            guard let step = step(block, index: index, path: path) else { continue }
            if let first = firstUse[step.id.value] {
                report(
                    .error(
                        "duplicate step id '\(step.id.value)' (first used at line \(first.line))", at: step.id.location,
                        hint: "give one of the steps its own 'id:'"))
                continue
            }
            firstUse[step.id.value] = step.id.location
            steps.append(step)
        }
        return steps
    }

    /// The id a step gets from its heading: lowercase, runs of other characters as one '-'.
    public static func slug(_ heading: String) -> String {
        var slug = ""
        for character in heading.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}
