package io.orderflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.ModelInstance;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.xml.sax.SAXParseException;

/**
 * Checks the files analysts edit: every model in {@code bpmn/} (BPMN and DMN) and every Camunda Form in
 * {@code forms/}, against the conventions of docs/lifecycle.md ("Conventions for the models"). Every violation is one line
 * that names the file and the element: {@code bpmn/x.bpmn: Task_Foo (serviceTask): delegateExpression ${foo}
 * names no Spring bean}.
 *
 * <p>
 * Used by {@link ModelFilesTest} on the project's own folders (with the application context's beans) and by
 * {@link ModelFilesCheckerTest} on broken snippets in a temporary folder. Deploying the models into a real
 * engine is not done here but in {@link ModelFilesTest}.
 */
final class ModelChecker {

	static final String MODELS_DIR = "bpmn";

	static final String FORMS_DIR = "forms";

	static final String CONSOLE_LINK = "](/console/orders/{{orderNumber}})";

	/** The warehouse's candidate group, which is shown no money and no e-mail address. */
	static final String WAREHOUSE = "warehouse";

	/**
	 * The task-local variables the order's context on a task leaves out for the warehouse
	 * ({@code order.OrderContextForTask}): the money, what a decision does to it, the customer's e-mail and billing
	 * address. A field of a warehouse form that reads one would be empty, and says that there is something withheld.
	 */
	static final Set<String> WITHHELD_FROM_WAREHOUSE = Set.of("orderMoney", "decisionMoney", "orderTotal",
			"customerEmail", "billingAddress");

	static final String JAVA_SOURCES = "src/main/java";

	static final String CONSTANTS = "src/main/java/io/orderflow/OrderProcess.java";

	static final String CAMUNDA_BPMN_NS = "http://camunda.org/schema/1.0/bpmn";

	/** Ids Camunda Modeler generates: a type prefix and seven random characters, at least one a digit. */
	private static final Pattern MODELER_ID = Pattern.compile("^(Activity|Gateway|Event|StartEvent|EndEvent|Task"
			+ "|UserTask|ServiceTask|Flow|SequenceFlow|DataObject|Process|Participant|Lane|Definitions|Collaboration"
			+ "|TextAnnotation|Association|BoundaryEvent|Message|Error|Signal|Timer|Decision)_([0-9a-z]{7})$");

	/** Ids other tools generate (Signavio "sid-…", older modelers "_123"). */
	private static final Pattern OTHER_TOOL_ID = Pattern.compile("^(sid-.*|_[0-9]+)$");

	/** {@code ${beanName}} (or {@code #{beanName}}): the only delegate expression our convention allows. */
	private static final Pattern BEAN_EXPRESSION = Pattern.compile("^[$#]\\{\\s*([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\}$");

	/** A string constant in Java source: {@code String NAME = "value"}. */
	private static final Pattern STRING_CONSTANT = Pattern
		.compile("\\bString\\s+[A-Za-z_$][A-Za-z0-9_$]*\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Set<String> SERVICE_TASKS = Set.of("serviceTask", "sendTask");

	private static final Set<String> MESSAGE_THROWERS = Set.of("intermediateThrowEvent", "endEvent");

	private static final ObjectMapper JSON = new ObjectMapper();

	enum Kind {

		BPMN, DMN, FORM, OTHER

	}

	/** A file under {@code bpmn/} or {@code forms/}, named by its path from the project root. */
	record ModelFile(String name, Path path, Kind kind) {

		@Override
		public String toString() {
			return name;
		}

	}

	/**
	 * One named check of one file. {@link #run()} returns every violation found (empty: passed); it throws
	 * {@link TestAbortedException} when the check cannot run because the file does not parse.
	 */
	record Check(String name, Supplier<List<String>> violations) {

		List<String> run() {
			return violations.get();
		}

	}

	private record Parsed<T>(T model, String error) {
	}

	private final Path root;

	private final Predicate<String> beanExists;

	private final List<ModelFile> files;

	private final Map<Path, Parsed<?>> parsed = new HashMap<>();

	private Map<String, List<String>> formIds;

	private String javaSources;

	private Set<String> constants;

	/**
	 * @param root the project root: holds {@code bpmn/}, {@code forms/} and {@code src/main/java}
	 * @param beanExists whether the application context has a bean of that name
	 */
	ModelChecker(Path root, Predicate<String> beanExists) {
		this.root = root.toAbsolutePath().normalize();
		this.beanExists = beanExists;
		this.files = Stream.concat(list(MODELS_DIR), list(FORMS_DIR)).toList();
	}

	/** Every file under {@code bpmn/} and {@code forms/}, sorted by name; none if a folder is missing. */
	List<ModelFile> files() {
		return files;
	}

	/** The files the engine deploys ({@code *.bpmn}, {@code *.dmn} under bpmn/, {@code *.form} under forms/). */
	List<ModelFile> deployableFiles() {
		return files.stream().filter(f -> f.kind() != Kind.OTHER).toList();
	}

	/** The checks that apply to a file, each run separately. */
	List<Check> checks(ModelFile file) {
		return switch (file.kind()) {
			case BPMN -> List.of(check("parses and validates as BPMN", () -> parseViolations(file)),
					bpmnCheck(file, "ids are meaningful, not generated", this::idViolations),
					bpmnCheck(file, "flow nodes and processes are named", this::bpmnNameViolations),
					bpmnCheck(file, "service tasks use a delegateExpression naming a Spring bean",
							this::delegateViolations),
					bpmnCheck(file, "user tasks and start events use a form from forms/", this::formRefViolations),
					bpmnCheck(file, "user tasks' forms link to the order's console page", this::consoleLinkViolations),
					bpmnCheck(file, "the warehouse's user tasks' forms show no money and no e-mail address",
							this::warehouseFormViolations),
					bpmnCheck(file, "caught messages have a sender in src/main/java", this::messageViolations),
					bpmnCheck(file, "thrown and caught errors are OrderProcess constants", this::errorViolations),
					bpmnCheck(file, "executable processes have a historyTimeToLive", this::historyViolations),
					bpmnCheck(file, "the diagram shows every flow node and sequence flow",
							this::bpmnDiagramViolations));
			case DMN -> List.of(check("parses and validates as DMN", () -> parseViolations(file)),
					dmnCheck(file, "ids are meaningful, not generated", this::idViolations),
					dmnCheck(file, "decisions are named", this::decisionNameViolations),
					dmnCheck(file, "decisions have a historyTimeToLive", this::decisionHistoryViolations),
					dmnCheck(file, "the diagram shows every decision", this::dmnDiagramViolations));
			case FORM -> List.of(check("is a Camunda Form (JSON with id, components, type default)",
					() -> formViolations(file)), check("its id is no other form's id", () -> formIdViolations(file)));
			case OTHER -> List.of(check("is a file the engine deploys", () -> List.of(file.name()
					+ ": the engine deploys only *.bpmn and *.dmn from " + MODELS_DIR + "/ and *.form from "
					+ FORMS_DIR + "/; this file would be silently ignored")));
		};
	}

	/** Every violation of every check of a file; checks that cannot run (file does not parse) are left out. */
	List<String> violations(ModelFile file) {
		List<String> all = new ArrayList<>();
		for (Check check : checks(file)) {
			try {
				all.addAll(check.run());
			}
			catch (TestAbortedException notRun) {
				// the parse check reports why
			}
		}
		return all;
	}

	/** Every violation of every file. */
	List<String> violations() {
		return files.stream().flatMap(f -> violations(f).stream()).toList();
	}

	/** Fails with all violations in one message, or passes when there are none. */
	static void assertNoViolations(String what, List<String> violations) {
		if (!violations.isEmpty()) {
			throw new AssertionFailedError(what + ": " + violations.size() + " violation(s):\n  "
					+ String.join("\n  ", violations));
		}
	}

	/** The ids of the executable processes of all BPMN files that parse. */
	Set<String> executableProcessIds() {
		return bpmnModels().flatMap(m -> m.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)
			.stream()).filter(org.camunda.bpm.model.bpmn.instance.Process::isExecutable).map(p -> p.getId())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/** Every {@code camunda:formRef} of a user task or start event in all BPMN files that parse. */
	Set<String> formRefs() {
		Set<String> refs = new LinkedHashSet<>();
		bpmnModels().forEach(m -> {
			m.getModelElementsByType(UserTask.class).forEach(t -> addIfPresent(refs, t.getCamundaFormRef()));
			m.getModelElementsByType(StartEvent.class).forEach(s -> addIfPresent(refs, s.getCamundaFormRef()));
		});
		return refs;
	}

	/** The ids of all forms that have one. */
	Set<String> formIds() {
		return formIndex().keySet();
	}

	// ---------------------------------------------------------------- files and parsing

	private Stream<ModelFile> list(String dir) {
		Path folder = root.resolve(dir);
		if (!Files.isDirectory(folder)) {
			return Stream.empty();
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile)
				.filter(p -> !p.getFileName().toString().startsWith("."))
				.map(p -> new ModelFile(root.relativize(p).toString().replace('\\', '/'), p, kind(dir, p)))
				.sorted(Comparator.comparing(ModelFile::name))
				.toList()
				.stream();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Kind kind(String dir, Path path) {
		String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (dir.equals(MODELS_DIR) && name.endsWith(".bpmn")) {
			return Kind.BPMN;
		}
		if (dir.equals(MODELS_DIR) && name.endsWith(".dmn")) {
			return Kind.DMN;
		}
		if (dir.equals(FORMS_DIR) && name.endsWith(".form")) {
			return Kind.FORM;
		}
		return Kind.OTHER;
	}

	private Parsed<?> parse(ModelFile file) {
		return parsed.computeIfAbsent(file.path(), p -> {
			try (InputStream in = Files.newInputStream(p)) {
				if (file.kind() == Kind.BPMN) {
					BpmnModelInstance model = Bpmn.readModelFromStream(in);
					Bpmn.validateModel(model);
					return new Parsed<>(model, null);
				}
				DmnModelInstance model = Dmn.readModelFromStream(in);
				Dmn.validateModel(model);
				return new Parsed<>(model, null);
			}
			catch (IOException | RuntimeException e) {
				return new Parsed<>(null, describe(e));
			}
		});
	}

	private List<String> parseViolations(ModelFile file) {
		Parsed<?> result = parse(file);
		return result.error() == null ? List.of()
				: List.of(file.name() + ": does not parse as " + file.kind() + ": " + result.error());
	}

	private Stream<BpmnModelInstance> bpmnModels() {
		return files.stream()
			.filter(f -> f.kind() == Kind.BPMN)
			.map(this::parse)
			.filter(p -> p.model() != null)
			.map(p -> (BpmnModelInstance) p.model());
	}

	private Check check(String name, Supplier<List<String>> violations) {
		return new Check(name, violations);
	}

	private Check bpmnCheck(ModelFile file, String name, Checker<BpmnModelInstance> checker) {
		return modelCheck(file, name, checker);
	}

	private Check dmnCheck(ModelFile file, String name, Checker<DmnModelInstance> checker) {
		return modelCheck(file, name, checker);
	}

	@SuppressWarnings("unchecked")
	private <T extends ModelInstance> Check modelCheck(ModelFile file, String name, Checker<T> checker) {
		return new Check(name, () -> {
			Parsed<?> result = parse(file);
			if (result.model() == null) {
				throw new TestAbortedException(file.name() + " does not parse; see the parse check");
			}
			List<String> violations = new ArrayList<>();
			try {
				checker.check(file, (T) result.model(), violations::add);
			}
			catch (RuntimeException e) {
				violations.add(file.name() + ": cannot be checked: " + describe(e));
			}
			return violations;
		});
	}

	@FunctionalInterface
	private interface Checker<T> {

		void check(ModelFile file, T model, Consumer<String> violations);

	}

	// ---------------------------------------------------------------- BPMN and DMN checks

	private void idViolations(ModelFile file, ModelInstance model, Consumer<String> violations) {
		walk(model.getDocument().getRootElement(), element -> {
			String id = element.getAttribute("id");
			if (id == null || id.endsWith("_di")) {
				return; // diagram ids are derived from the ids of the elements they show
			}
			Matcher modeler = MODELER_ID.matcher(id);
			if (modeler.matches() && modeler.group(2).chars().anyMatch(Character::isDigit)) {
				violations.accept(at(file, element) + "id generated by Camunda Modeler; give it a meaningful id "
						+ "such as " + modeler.group(1).replace("Activity", "Task") + "_WhatItIs (docs/lifecycle.md: ids mean "
						+ "something)");
			}
			else if (OTHER_TOOL_ID.matcher(id).matches()) {
				violations.accept(at(file, element) + "id generated by a modeling tool; give it a meaningful id");
			}
		});
	}

	private void bpmnNameViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		for (org.camunda.bpm.model.bpmn.instance.Process process : model
			.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)) {
			if (isBlank(process.getName())) {
				violations.accept(at(file, process) + "has no name");
			}
		}
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			if (isBlank(node.getName())) {
				violations.accept(at(file, node) + "has no name");
			}
		}
	}

	private void delegateViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		walk(model.getDocument().getRootElement(), element -> {
			boolean camundaElement = CAMUNDA_BPMN_NS.equals(element.getNamespaceURI());
			// on camunda:executionListener and camunda:taskListener the attributes are not namespaced
			String delegateExpression = camundaElement ? element.getAttribute("delegateExpression")
					: element.getAttribute(CAMUNDA_BPMN_NS, "delegateExpression");
			String where = at(file, owner(element)) + (owner(element) == element ? "" : element.getLocalName() + " ");
			if (delegateExpression != null) {
				Matcher bean = BEAN_EXPRESSION.matcher(delegateExpression.trim());
				if (!bean.matches()) {
					violations.accept(where + "delegateExpression " + delegateExpression
							+ " is not of the form ${beanName}");
				}
				else if (!beanExists.test(bean.group(1))) {
					violations.accept(where + "delegateExpression " + delegateExpression + " names no Spring bean");
				}
			}
			if (!isServiceImplementation(element)) {
				return;
			}
			String javaClass = element.getAttribute(CAMUNDA_BPMN_NS, "class");
			String expression = element.getAttribute(CAMUNDA_BPMN_NS, "expression");
			if (javaClass != null) {
				violations.accept(where + "uses camunda:class=\"" + javaClass
						+ "\"; our convention is camunda:delegateExpression=\"${beanName}\"");
			}
			if (expression != null) {
				violations.accept(where + "uses camunda:expression=\"" + expression
						+ "\"; our convention is camunda:delegateExpression=\"${beanName}\"");
			}
			if (SERVICE_TASKS.contains(element.getLocalName()) && delegateExpression == null && javaClass == null
					&& expression == null) {
				violations.accept(where + "has no camunda:delegateExpression=\"${beanName}\"");
			}
		});
	}

	/** Where Java runs as the implementation of a task or a message throw event. */
	private static boolean isServiceImplementation(DomElement element) {
		if (!isBpmn(element)) {
			return false;
		}
		String name = element.getLocalName();
		if (SERVICE_TASKS.contains(name) || name.equals("businessRuleTask")) {
			return true;
		}
		DomElement parent = element.getParentElement();
		return name.equals("messageEventDefinition") && parent != null && isBpmn(parent)
				&& MESSAGE_THROWERS.contains(parent.getLocalName());
	}

	private void formRefViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			formRef(file, task, task.getCamundaFormRef(), task.getCamundaFormKey(), true, violations);
		}
		for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
			formRef(file, start, start.getCamundaFormRef(), start.getCamundaFormKey(), false, violations);
		}
	}

	/**
	 * A person deciding on a task sees the order as it is now, not only the snapshot of the form: every user
	 * task's form has a text with the Markdown link {@value #CONSOLE_LINK} (the task's {@code orderNumber}).
	 */
	private void consoleLinkViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			String formRef = task.getCamundaFormRef();
			for (String formFile : formRef == null ? List.<String>of() : formIndex().getOrDefault(formRef, List.of())) {
				if (!formTexts(formFile).stream().anyMatch(text -> text.contains(CONSOLE_LINK))) {
					violations.accept(at(file, task) + "its form " + formFile + " has no text with a link \""
							+ CONSOLE_LINK + "\" to the order's page in the console");
				}
			}
		}
	}

	/** The forms of the warehouse's user tasks read none of {@link #WITHHELD_FROM_WAREHOUSE}. */
	private void warehouseFormViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		for (UserTask task : model.getModelElementsByType(UserTask.class)) {
			if (!task.getCamundaCandidateGroupsList().contains(WAREHOUSE) || task.getCamundaFormRef() == null) {
				continue;
			}
			for (String formFile : formIndex().getOrDefault(task.getCamundaFormRef(), List.of())) {
				Set<String> withheld = new TreeSet<>(formKeys(formFile));
				withheld.retainAll(WITHHELD_FROM_WAREHOUSE);
				if (!withheld.isEmpty()) {
					violations.accept(at(file, task) + "its form " + formFile + " shows " + String.join(", ", withheld)
							+ ", which the warehouse is not shown (no money, no e-mail address)");
				}
			}
		}
	}

	/**
	 * Every user task of the BPMN files that parse, by id, with the keys of the fields its form reads (none when it
	 * names no form in forms/).
	 */
	Map<String, Set<String>> userTaskFormKeys() {
		Map<String, Set<String>> keys = new TreeMap<>();
		bpmnModels().forEach(m -> m.getModelElementsByType(UserTask.class)
			.forEach(task -> keys.put(task.getId(), (task.getCamundaFormRef() == null ? List.<String>of()
					: formIndex().getOrDefault(task.getCamundaFormRef(), List.of()))
				.stream()
				.flatMap(formFile -> formKeys(formFile).stream())
				.collect(Collectors.toCollection(TreeSet::new)))));
		return keys;
	}

	/** The "key" of every component of a form file, in groups too (none if it does not read). */
	private Set<String> formKeys(String formFile) {
		Set<String> keys = new LinkedHashSet<>();
		for (ModelFile form : files) {
			if (form.name().equals(formFile)) {
				try {
					collectKeys(JSON.readTree(form.path().toFile()).path("components"), keys);
				}
				catch (IOException | RuntimeException unreadable) {
					// reported by the form's own check
				}
			}
		}
		return keys;
	}

	private static void collectKeys(JsonNode components, Set<String> keys) {
		for (JsonNode component : components) {
			if (component.path("key").isTextual()) {
				keys.add(component.path("key").asText());
			}
			collectKeys(component.path("components"), keys);
		}
	}

	/** The "text" of every text component of a form file (none if it does not read). */
	private List<String> formTexts(String formFile) {
		List<String> texts = new ArrayList<>();
		for (ModelFile form : files) {
			if (form.name().equals(formFile)) {
				try {
					JSON.readTree(form.path().toFile())
						.path("components")
						.forEach(component -> texts.add(component.path("text").asText("")));
				}
				catch (IOException | RuntimeException unreadable) {
					// reported by the form's own check
				}
			}
		}
		return texts;
	}

	private void formRef(ModelFile file, ModelElementInstance element, String formRef, String formKey,
			boolean required, Consumer<String> violations) {
		String where = at(file, element);
		if (formKey != null) {
			violations.accept(where + "uses camunda:formKey=\"" + formKey
					+ "\"; our convention is camunda:formRef to a form in " + FORMS_DIR + "/");
		}
		if (isBlank(formRef)) {
			if (required && formKey == null) {
				violations.accept(where + "has no camunda:formRef to a form in " + FORMS_DIR + "/");
			}
			return;
		}
		if (!formIndex().containsKey(formRef)) {
			violations.accept(where + "camunda:formRef \"" + formRef + "\" names no form in " + FORMS_DIR
					+ "/ (form ids: " + (formIndex().isEmpty() ? "none" : String.join(", ", formIndex().keySet()))
					+ ")");
		}
		String binding = element.getDomElement().getAttribute(CAMUNDA_BPMN_NS, "formRefBinding");
		if (!"deployment".equals(binding)) {
			violations.accept(where + "camunda:formRefBinding is "
					+ (binding == null ? "missing (the engine then uses \"latest\")" : "\"" + binding + "\"")
					+ "; it must be \"deployment\"");
		}
	}

	private void messageViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		Map<ModelElementInstance, Message> received = new LinkedHashMap<>();
		for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
			if (task.getMessage() != null) {
				received.put(task, task.getMessage());
			}
		}
		for (CatchEvent event : model.getModelElementsByType(CatchEvent.class)) {
			for (MessageEventDefinition definition : event.getChildElementsByType(MessageEventDefinition.class)) {
				if (definition.getMessage() != null) {
					received.put(event, definition.getMessage());
				}
			}
		}
		received.forEach((receiver, message) -> {
			String name = message.getName();
			if (isBlank(name)) {
				violations.accept(at(file, receiver) + "message " + message.getId() + " has no name");
			}
			else if (!javaSources().contains("\"" + name + "\"")) {
				violations.accept(at(file, receiver) + "message " + message.getId() + " (\"" + name
						+ "\") has no sender: no class under " + JAVA_SOURCES + " mentions \"" + name + "\"");
			}
		});
	}

	private void errorViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		for (Event event : model.getModelElementsByType(Event.class)) {
			for (ErrorEventDefinition definition : event.getChildElementsByType(ErrorEventDefinition.class)) {
				org.camunda.bpm.model.bpmn.instance.Error error = definition.getError();
				if (error == null) {
					if (event instanceof EndEvent) {
						violations.accept(at(file, event) + "error end event names no error (errorRef)");
					}
					continue; // an error boundary event without errorRef catches every error
				}
				String code = error.getErrorCode();
				if (isBlank(code)) {
					violations.accept(at(file, event) + "error " + error.getId() + " has no errorCode");
				}
				else if (!constants().contains(code)) {
					violations.accept(at(file, event) + "error " + error.getId() + " (errorCode \"" + code
							+ "\") is no constant in " + CONSTANTS);
				}
			}
		}
	}

	private void historyViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		for (org.camunda.bpm.model.bpmn.instance.Process process : model
			.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class)) {
			if (process.isExecutable() && isBlank(process.getCamundaHistoryTimeToLiveString())) {
				violations.accept(at(file, process) + "executable process has no camunda:historyTimeToLive");
			}
		}
	}

	private void bpmnDiagramViolations(ModelFile file, BpmnModelInstance model, Consumer<String> violations) {
		Map<String, Set<String>> shown = diagramElements(model, "BPMNDiagram", Set.of("BPMNShape", "BPMNEdge"),
				"bpmnElement");
		if (shown == null) {
			violations.accept(at(file, model.getDocument().getRootElement())
					+ "has no diagram (bpmndi:BPMNDiagram); it does not open in Camunda Modeler");
			return;
		}
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			if (!shown.get("BPMNShape").contains(node.getId())) {
				violations.accept(at(file, node) + "has no shape in the diagram");
			}
		}
		for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
			if (!shown.get("BPMNEdge").contains(flow.getId())) {
				violations.accept(at(file, flow) + "has no edge in the diagram");
			}
		}
	}

	private void decisionNameViolations(ModelFile file, DmnModelInstance model, Consumer<String> violations) {
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			if (isBlank(decision.getName())) {
				violations.accept(at(file, decision) + "has no name");
			}
		}
	}

	private void decisionHistoryViolations(ModelFile file, DmnModelInstance model, Consumer<String> violations) {
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			if (isBlank(decision.getCamundaHistoryTimeToLiveString())) {
				violations.accept(at(file, decision) + "decision has no camunda:historyTimeToLive");
			}
		}
	}

	private void dmnDiagramViolations(ModelFile file, DmnModelInstance model, Consumer<String> violations) {
		Map<String, Set<String>> shown = diagramElements(model, "DMNDiagram", Set.of("DMNShape"), "dmnElementRef");
		if (shown == null) {
			violations.accept(at(file, model.getDocument().getRootElement())
					+ "has no diagram (dmndi:DMNDiagram); save it with Camunda Modeler 5 or later");
			return;
		}
		for (Decision decision : model.getModelElementsByType(Decision.class)) {
			if (!shown.get("DMNShape").contains(decision.getId())) {
				violations.accept(at(file, decision) + "has no shape in the diagram");
			}
		}
	}

	/**
	 * The ids each kind of diagram element shows (shape or edge name → ids), from every diagram of the model;
	 * null when the model has no diagram.
	 */
	private static Map<String, Set<String>> diagramElements(ModelInstance model, String diagram, Set<String> kinds,
			String reference) {
		Map<String, Set<String>> shown = new HashMap<>();
		kinds.forEach(kind -> shown.put(kind, new HashSet<>()));
		boolean[] hasDiagram = { false };
		walk(model.getDocument().getRootElement(), element -> {
			if (element.getLocalName().equals(diagram)) {
				hasDiagram[0] = true;
			}
			Set<String> ids = shown.get(element.getLocalName());
			if (ids != null && element.getAttribute(reference) != null) {
				ids.add(element.getAttribute(reference));
			}
		});
		return hasDiagram[0] ? shown : null;
	}

	// ---------------------------------------------------------------- forms

	private List<String> formViolations(ModelFile file) {
		JsonNode form;
		try {
			form = JSON.readTree(file.path().toFile());
		}
		catch (JsonProcessingException e) {
			JsonLocation location = e.getLocation();
			return List.of(file.name() + ": is not valid JSON: "
					+ (location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr()
							+ ": ")
					+ e.getOriginalMessage());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (form == null || !form.isObject()) {
			return List.of(file.name() + ": is not a JSON object (a Camunda Form is one)");
		}
		List<String> violations = new ArrayList<>();
		JsonNode id = form.get("id");
		String where = file.name() + ": " + (id != null && id.isTextual() && !id.asText().isBlank() ? id.asText()
				: "(no id)") + " (form): ";
		if (id == null || !id.isTextual() || id.asText().isBlank()) {
			violations.add(where + "has no \"id\" (a non-blank string: what user tasks name in camunda:formRef)");
		}
		JsonNode components = form.get("components");
		if (components == null || !components.isArray()) {
			violations.add(where + "has no \"components\" array");
		}
		JsonNode type = form.get("type");
		if (type == null || !type.isTextual() || !type.asText().equals("default")) {
			violations.add(where + "\"type\" is " + (type == null ? "missing" : type.toString())
					+ "; it must be \"default\"");
		}
		return violations;
	}

	private List<String> formIdViolations(ModelFile file) {
		List<String> violations = new ArrayList<>();
		formIndex().forEach((id, names) -> {
			if (names.size() > 1 && names.contains(file.name())) {
				violations.add(file.name() + ": " + id + " (form): id also used by " + names.stream()
					.filter(n -> !n.equals(file.name()))
					.collect(Collectors.joining(", ")) + "; camunda:formRef could not tell them apart");
			}
		});
		return violations;
	}

	/** Form id → the files that declare it, for every form with a non-blank string id. */
	private Map<String, List<String>> formIndex() {
		if (formIds == null) {
			Map<String, List<String>> index = new TreeMap<>();
			for (ModelFile file : files) {
				if (file.kind() != Kind.FORM) {
					continue;
				}
				try {
					JsonNode id = JSON.readTree(file.path().toFile()).get("id");
					if (id != null && id.isTextual() && !id.asText().isBlank()) {
						index.computeIfAbsent(id.asText(), k -> new ArrayList<>()).add(file.name());
					}
				}
				catch (IOException | RuntimeException unreadable) {
					// reported by the form's own check
				}
			}
			formIds = index;
		}
		return formIds;
	}

	// ---------------------------------------------------------------- Java sources

	private String javaSources() {
		if (javaSources == null) {
			Path sources = root.resolve(JAVA_SOURCES);
			if (!Files.isDirectory(sources)) {
				javaSources = "";
			}
			else {
				try (Stream<Path> walk = Files.walk(sources)) {
					javaSources = walk.filter(p -> p.toString().endsWith(".java")).map(ModelChecker::read)
						.collect(Collectors.joining("\n"));
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
		}
		return javaSources;
	}

	private Set<String> constants() {
		if (constants == null) {
			Path file = root.resolve(CONSTANTS);
			Set<String> values = new HashSet<>();
			if (Files.isRegularFile(file)) {
				Matcher constant = STRING_CONSTANT.matcher(read(file));
				while (constant.find()) {
					values.add(constant.group(1));
				}
			}
			constants = values;
		}
		return constants;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	// ---------------------------------------------------------------- helpers

	/** {@code "bpmn/x.bpmn: Task_Foo (serviceTask): "}. */
	private static String at(ModelFile file, ModelElementInstance element) {
		return at(file, element.getDomElement());
	}

	private static String at(ModelFile file, DomElement element) {
		String id = element.getAttribute("id");
		return file.name() + ": " + (isBlank(id) ? "(no id)" : id) + " (" + element.getLocalName() + "): ";
	}

	/** The element itself when it has an id, else the nearest ancestor that has one. */
	private static DomElement owner(DomElement element) {
		DomElement owner = element;
		while (owner.getParentElement() != null && isBlank(owner.getAttribute("id"))) {
			owner = owner.getParentElement();
		}
		return isBlank(owner.getAttribute("id")) ? element : owner;
	}

	private static boolean isBpmn(DomElement element) {
		return "http://www.omg.org/spec/BPMN/20100524/MODEL".equals(element.getNamespaceURI());
	}

	private static void walk(DomElement element, Consumer<DomElement> visitor) {
		visitor.accept(element);
		for (DomElement child : element.getChildElements()) {
			walk(child, visitor);
		}
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	private static void addIfPresent(Collection<String> values, String value) {
		if (!isBlank(value)) {
			values.add(value);
		}
	}

	/** The messages of an exception and its causes; line and column where the XML parser knows them. */
	static String describe(Throwable e) {
		Set<String> messages = new LinkedHashSet<>();
		for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
			if (t instanceof SAXParseException sax) {
				messages.add("line " + sax.getLineNumber() + ", column " + sax.getColumnNumber() + ": "
						+ sax.getMessage());
			}
			else if (t.getMessage() != null) {
				messages.add(t.getMessage());
			}
		}
		return messages.isEmpty() ? e.getClass().getName() : String.join(" | ", messages);
	}

}
