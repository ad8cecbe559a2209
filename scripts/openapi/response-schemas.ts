import path from 'node:path';
import ts from 'typescript';

/** A JSON Schema as OpenAPI 3.0 writes it (`nullable` for null). */
export type JsonSchema = Record<string, unknown>;

/** What a controller method answers, read from its declared return type. */
export interface MethodResponse {
  /** `Controller_method`, as Nest names the operation. */
  operationId: string;
  /** The JSON answer's schema; `binary` for a file (StreamableFile), `empty` for no body (void). */
  kind: 'json' | 'binary' | 'empty';
  schema?: JsonSchema;
  /** The method's doc comment (English), for the operation's description. */
  doc: string;
  /** The declared return type as written, for the operations listing. */
  typeText: string;
}

export interface ResponseSchemas {
  methods: Map<string, MethodResponse>;
  /** Named view interfaces and type aliases, referenced as #/components/schemas/<name>. */
  components: Record<string, JsonSchema>;
}

const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

const decoratorNames = (node: ts.Node): string[] =>
  (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).map((d) => {
    const expression = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
    return ts.isIdentifier(expression) ? expression.text : '';
  });

/**
 * The success response of every route of the API's controllers (`apps/api/src/**\/*.controller.ts`),
 * read with the TypeScript compiler from each method's declared return type: the schema cannot say
 * anything the compiler does not check the method returns. Named interfaces and aliases of the libs
 * become components, so the document names the same views the code does.
 */
export function readResponseSchemas(root: string, controllerFiles: string[]): ResponseSchemas {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const program = ts.createProgram({ rootNames: controllerFiles, options: { ...config.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const components: Record<string, JsonSchema> = {};
  const converter = new SchemaConverter(checker, components);
  const methods = new Map<string, MethodResponse>();

  for (const file of controllerFiles) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not part of the program`);
    const visit = (node: ts.Node): void => {
      if (!ts.isClassDeclaration(node) || !node.name || !decoratorNames(node).includes('Controller')) return ts.forEachChild(node, visit);
      for (const member of node.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name)) continue;
        if (!decoratorNames(member).some((name) => ROUTE_DECORATORS.has(name))) continue;
        for (const controllerName of controllerNames(node)) {
        const operationId = `${controllerName}_${member.name.text}`;
        const signature = checker.getSignatureFromDeclaration(member);
        if (!signature) throw new Error(`${operationId}: no signature`);
        const declared = checker.getReturnTypeOfSignature(signature);
        const answered = checker.getAwaitedType(declared) ?? declared;
        const symbol = checker.getSymbolAtLocation(member.name);
        const doc = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
        const typeText = member.type ? member.type.getText(source).replace(/\s+/g, ' ') : checker.typeToString(declared);
        const name = answered.getSymbol()?.getName();
        if (name === 'StreamableFile') methods.set(operationId, { operationId, kind: 'binary', doc, typeText });
        else if (answered.flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined)) methods.set(operationId, { operationId, kind: 'empty', doc, typeText });
        else methods.set(operationId, { operationId, kind: 'json', schema: converter.convert(answered, member), doc, typeText });
        }
      }
    };
    visit(source);
  }
  return { methods, components };
}

/**
 * The names a controller class answers under: its own, or, for a class a factory makes once per group of
 * routes (and renames), the names its `@controllerNames` JSDoc tag lists.
 */
function controllerNames(node: ts.ClassDeclaration): string[] {
  const tag = ts.getJSDocTags(node).find((candidate) => candidate.tagName.text === 'controllerNames');
  const listed = typeof tag?.comment === 'string' ? tag.comment.split(/\s+/).filter(Boolean) : [];
  return listed.length > 0 ? listed : [(node.name as ts.Identifier).text];
}

/** Turns checker types into JSON Schema (OpenAPI 3.0 flavour). */
class SchemaConverter {
  private readonly naming = new Set<string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly components: Record<string, JsonSchema>,
  ) {}

  convert(type: ts.Type, at: ts.Node): JsonSchema {
    const c = this.checker;
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (f & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', enum: [c.typeToString(type) === 'true'] };
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { nullable: true };
    if (type.isUnion()) return this.union(type, at);
    const symbol = type.getSymbol();
    if (symbol?.getName() === 'Date') return { type: 'string', format: 'date-time' };
    if (c.isArrayType(type)) return { type: 'array', items: this.convert(c.getTypeArguments(type as ts.TypeReference)[0], at) };
    if (c.isTupleType(type)) {
      const elements = c.getTypeArguments(type as ts.TypeReference).map((t) => this.convert(t, at));
      return { type: 'array', items: elements.length === 1 ? elements[0] : { anyOf: elements }, minItems: elements.length, maxItems: elements.length };
    }
    if (f & ts.TypeFlags.Object || type.isIntersection()) return this.named(type, at) ?? this.object(type, at);
    throw new Error(`cannot describe the type ${c.typeToString(type)}`);
  }

  private union(type: ts.UnionType, at: ts.Node): JsonSchema {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    const nullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
    const rest = parts.filter((t) => !(t.flags & ts.TypeFlags.Null));
    let schema: JsonSchema;
    if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.StringLiteral)) schema = { type: 'string', enum: rest.map((t) => (t as ts.StringLiteralType).value) };
    else if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.NumberLiteral)) schema = { type: 'number', enum: rest.map((t) => (t as ts.NumberLiteralType).value) };
    else if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) schema = rest.length === 2 ? { type: 'boolean' } : this.convert(rest[0], at);
    else {
      // true | false of a boolean inside a wider union come as two literals: fold them back
      const booleans = rest.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
      const others = rest.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral)).map((t) => this.convert(t, at));
      const branches = booleans.length === 2 ? [...others, { type: 'boolean' }] : [...others, ...booleans.map((t) => this.convert(t, at))];
      schema = branches.length === 1 ? branches[0] : { anyOf: branches };
    }
    if (!nullable) return schema;
    if (schema.$ref !== undefined || schema.anyOf !== undefined) return { allOf: [schema], nullable: true };
    return Array.isArray(schema.enum) ? { ...schema, enum: [...schema.enum, null], nullable: true } : { ...schema, nullable: true };
  }

  /** A named interface, class or alias of ours becomes a component (generic ones get their arguments in the name). */
  private named(type: ts.Type, at: ts.Node): JsonSchema | null {
    const alias = type.aliasSymbol;
    const symbol = alias ?? type.getSymbol();
    if (!symbol || symbol.getName().startsWith('__')) return null;
    const declaration = symbol.getDeclarations()?.[0];
    const file = declaration?.getSourceFile().fileName ?? '';
    if (!file.includes('/libs/') && !file.includes('/apps/api/')) return null;
    const args = alias ? (type.aliasTypeArguments ?? []) : ((type as ts.TypeReference).typeArguments ?? []);
    const argNames = args.map((t) => this.checker.typeToString(t).replace(/[^A-Za-z0-9]+/g, ''));
    const name = [symbol.getName(), ...argNames].join('_');
    if (!this.components[name] && !this.naming.has(name)) {
      this.naming.add(name);
      this.components[name] = this.object(type, at);
      this.naming.delete(name);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  private object(type: ts.Type, at: ts.Node): JsonSchema {
    const c = this.checker;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const property of c.getPropertiesOfType(type)) {
      const propertyType = c.getTypeOfSymbol(property);
      if (propertyType.getCallSignatures().length > 0) continue;
      const schema = this.convert(propertyType, at);
      const doc = ts.displayPartsToString(property.getDocumentationComment(c)).trim();
      properties[property.getName()] = doc && !schema.$ref ? { ...schema, description: doc } : schema;
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 || (propertyType.isUnion() && propertyType.types.some((t) => t.flags & ts.TypeFlags.Undefined));
      if (!optional) required.push(property.getName());
    }
    const schema: JsonSchema = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    const index = c.getIndexInfosOfType(type).find((info) => info.keyType.flags & ts.TypeFlags.String);
    if (index) schema.additionalProperties = this.convert(index.type, at);
    return schema;
  }
}
