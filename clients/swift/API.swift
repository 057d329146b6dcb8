//  This file was automatically generated and should not be edited.

#if canImport(AWSAPIPlugin)
import Foundation

public protocol GraphQLInputValue {
}

public struct GraphQLVariable {
  let name: String
  
  public init(_ name: String) {
    self.name = name
  }
}

extension GraphQLVariable: GraphQLInputValue {
}

extension JSONEncodable {
  public func evaluate(with variables: [String: JSONEncodable]?) throws -> Any {
    return jsonValue
  }
}

public typealias GraphQLMap = [String: JSONEncodable?]

extension Dictionary where Key == String, Value == JSONEncodable? {
  public var withNilValuesRemoved: Dictionary<String, JSONEncodable> {
    var filtered = Dictionary<String, JSONEncodable>(minimumCapacity: count)
    for (key, value) in self {
      if value != nil {
        filtered[key] = value
      }
    }
    return filtered
  }
}

public protocol GraphQLMapConvertible: JSONEncodable {
  var graphQLMap: GraphQLMap { get }
}

public extension GraphQLMapConvertible {
  var jsonValue: Any {
    return graphQLMap.withNilValuesRemoved.jsonValue
  }
}

public typealias GraphQLID = String

public protocol APISwiftGraphQLOperation: AnyObject {
  
  static var operationString: String { get }
  static var requestString: String { get }
  static var operationIdentifier: String? { get }
  
  var variables: GraphQLMap? { get }
  
  associatedtype Data: GraphQLSelectionSet
}

public extension APISwiftGraphQLOperation {
  static var requestString: String {
    return operationString
  }

  static var operationIdentifier: String? {
    return nil
  }

  var variables: GraphQLMap? {
    return nil
  }
}

public protocol GraphQLQuery: APISwiftGraphQLOperation {}

public protocol GraphQLMutation: APISwiftGraphQLOperation {}

public protocol GraphQLSubscription: APISwiftGraphQLOperation {}

public protocol GraphQLFragment: GraphQLSelectionSet {
  static var possibleTypes: [String] { get }
}

public typealias Snapshot = [String: Any?]

public protocol GraphQLSelectionSet: Decodable {
  static var selections: [GraphQLSelection] { get }
  
  var snapshot: Snapshot { get }
  init(snapshot: Snapshot)
}

extension GraphQLSelectionSet {
    public init(from decoder: Decoder) throws {
        if let jsonObject = try? APISwiftJSONValue(from: decoder) {
            let encoder = JSONEncoder()
            let jsonData = try encoder.encode(jsonObject)
            let decodedDictionary = try JSONSerialization.jsonObject(with: jsonData, options: []) as! [String: Any]
            let optionalDictionary = decodedDictionary.mapValues { $0 as Any? }

            self.init(snapshot: optionalDictionary)
        } else {
            self.init(snapshot: [:])
        }
    }
}

enum APISwiftJSONValue: Codable {
    case array([APISwiftJSONValue])
    case boolean(Bool)
    case number(Double)
    case object([String: APISwiftJSONValue])
    case string(String)
    case null
    
    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        
        if let value = try? container.decode([String: APISwiftJSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode([APISwiftJSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .null
        }
    }
    
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        
        switch self {
        case .array(let value):
            try container.encode(value)
        case .boolean(let value):
            try container.encode(value)
        case .number(let value):
            try container.encode(value)
        case .object(let value):
            try container.encode(value)
        case .string(let value):
            try container.encode(value)
        case .null:
            try container.encodeNil()
        }
    }
}

public protocol GraphQLSelection {
}

public struct GraphQLField: GraphQLSelection {
  let name: String
  let alias: String?
  let arguments: [String: GraphQLInputValue]?
  
  var responseKey: String {
    return alias ?? name
  }
  
  let type: GraphQLOutputType
  
  public init(_ name: String, alias: String? = nil, arguments: [String: GraphQLInputValue]? = nil, type: GraphQLOutputType) {
    self.name = name
    self.alias = alias
    
    self.arguments = arguments
    
    self.type = type
  }
}

public indirect enum GraphQLOutputType {
  case scalar(JSONDecodable.Type)
  case object([GraphQLSelection])
  case nonNull(GraphQLOutputType)
  case list(GraphQLOutputType)
  
  var namedType: GraphQLOutputType {
    switch self {
    case .nonNull(let innerType), .list(let innerType):
      return innerType.namedType
    case .scalar, .object:
      return self
    }
  }
}

public struct GraphQLBooleanCondition: GraphQLSelection {
  let variableName: String
  let inverted: Bool
  let selections: [GraphQLSelection]
  
  public init(variableName: String, inverted: Bool, selections: [GraphQLSelection]) {
    self.variableName = variableName
    self.inverted = inverted;
    self.selections = selections;
  }
}

public struct GraphQLTypeCondition: GraphQLSelection {
  let possibleTypes: [String]
  let selections: [GraphQLSelection]
  
  public init(possibleTypes: [String], selections: [GraphQLSelection]) {
    self.possibleTypes = possibleTypes
    self.selections = selections;
  }
}

public struct GraphQLFragmentSpread: GraphQLSelection {
  let fragment: GraphQLFragment.Type
  
  public init(_ fragment: GraphQLFragment.Type) {
    self.fragment = fragment
  }
}

public struct GraphQLTypeCase: GraphQLSelection {
  let variants: [String: [GraphQLSelection]]
  let `default`: [GraphQLSelection]
  
  public init(variants: [String: [GraphQLSelection]], default: [GraphQLSelection]) {
    self.variants = variants
    self.default = `default`;
  }
}

public typealias JSONObject = [String: Any]

public protocol JSONDecodable {
  init(jsonValue value: Any) throws
}

public protocol JSONEncodable: GraphQLInputValue {
  var jsonValue: Any { get }
}

public enum JSONDecodingError: Error, LocalizedError {
  case missingValue
  case nullValue
  case wrongType
  case couldNotConvert(value: Any, to: Any.Type)
  
  public var errorDescription: String? {
    switch self {
    case .missingValue:
      return "Missing value"
    case .nullValue:
      return "Unexpected null value"
    case .wrongType:
      return "Wrong type"
    case .couldNotConvert(let value, let expectedType):
      return "Could not convert \"\(value)\" to \(expectedType)"
    }
  }
}

extension String: JSONDecodable, JSONEncodable {
  public init(jsonValue value: Any) throws {
    guard let string = value as? String else {
      throw JSONDecodingError.couldNotConvert(value: value, to: String.self)
    }
    self = string
  }

  public var jsonValue: Any {
    return self
  }
}

extension Int: JSONDecodable, JSONEncodable {
  public init(jsonValue value: Any) throws {
    guard let number = value as? NSNumber else {
      throw JSONDecodingError.couldNotConvert(value: value, to: Int.self)
    }
    self = number.intValue
  }

  public var jsonValue: Any {
    return self
  }
}

extension Float: JSONDecodable, JSONEncodable {
  public init(jsonValue value: Any) throws {
    guard let number = value as? NSNumber else {
      throw JSONDecodingError.couldNotConvert(value: value, to: Float.self)
    }
    self = number.floatValue
  }

  public var jsonValue: Any {
    return self
  }
}

extension Double: JSONDecodable, JSONEncodable {
  public init(jsonValue value: Any) throws {
    guard let number = value as? NSNumber else {
      throw JSONDecodingError.couldNotConvert(value: value, to: Double.self)
    }
    self = number.doubleValue
  }

  public var jsonValue: Any {
    return self
  }
}

extension Bool: JSONDecodable, JSONEncodable {
  public init(jsonValue value: Any) throws {
    guard let bool = value as? Bool else {
        throw JSONDecodingError.couldNotConvert(value: value, to: Bool.self)
    }
    self = bool
  }

  public var jsonValue: Any {
    return self
  }
}

extension RawRepresentable where RawValue: JSONDecodable {
  public init(jsonValue value: Any) throws {
    let rawValue = try RawValue(jsonValue: value)
    if let tempSelf = Self(rawValue: rawValue) {
      self = tempSelf
    } else {
      throw JSONDecodingError.couldNotConvert(value: value, to: Self.self)
    }
  }
}

extension RawRepresentable where RawValue: JSONEncodable {
  public var jsonValue: Any {
    return rawValue.jsonValue
  }
}

extension Optional where Wrapped: JSONDecodable {
  public init(jsonValue value: Any) throws {
    if value is NSNull {
      self = .none
    } else {
      self = .some(try Wrapped(jsonValue: value))
    }
  }
}

extension Optional: JSONEncodable {
  public var jsonValue: Any {
    switch self {
    case .none:
      return NSNull()
    case .some(let wrapped as JSONEncodable):
      return wrapped.jsonValue
    default:
      fatalError("Optional is only JSONEncodable if Wrapped is")
    }
  }
}

extension Dictionary: JSONEncodable {
  public var jsonValue: Any {
    return jsonObject
  }
  
  public var jsonObject: JSONObject {
    var jsonObject = JSONObject(minimumCapacity: count)
    for (key, value) in self {
      if case let (key as String, value as JSONEncodable) = (key, value) {
        jsonObject[key] = value.jsonValue
      } else {
        fatalError("Dictionary is only JSONEncodable if Value is (and if Key is String)")
      }
    }
    return jsonObject
  }
}

extension Array: JSONEncodable {
  public var jsonValue: Any {
    return map() { element -> (Any) in
      if case let element as JSONEncodable = element {
        return element.jsonValue
      } else {
        fatalError("Array is only JSONEncodable if Element is")
      }
    }
  }
}

extension URL: JSONDecodable, JSONEncodable {
  public init(jsonValue value: Any) throws {
    guard let string = value as? String else {
      throw JSONDecodingError.couldNotConvert(value: value, to: URL.self)
    }
    self.init(string: string)!
  }

  public var jsonValue: Any {
    return self.absoluteString
  }
}

extension Dictionary {
  static func += (lhs: inout Dictionary, rhs: Dictionary) {
    lhs.merge(rhs) { (_, new) in new }
  }
}

#elseif canImport(AWSAppSync)
import AWSAppSync
#endif

public enum PostStatus: RawRepresentable, Equatable, JSONDecodable, JSONEncodable {
  public typealias RawValue = String
  case published
  case pendingReview
  /// Auto generated constant for unknown enum values
  case unknown(RawValue)

  public init?(rawValue: RawValue) {
    switch rawValue {
      case "PUBLISHED": self = .published
      case "PENDING_REVIEW": self = .pendingReview
      default: self = .unknown(rawValue)
    }
  }

  public var rawValue: RawValue {
    switch self {
      case .published: return "PUBLISHED"
      case .pendingReview: return "PENDING_REVIEW"
      case .unknown(let value): return value
    }
  }

  public static func == (lhs: PostStatus, rhs: PostStatus) -> Bool {
    switch (lhs, rhs) {
      case (.published, .published): return true
      case (.pendingReview, .pendingReview): return true
      case (.unknown(let lhsValue), .unknown(let rhsValue)): return lhsValue == rhsValue
      default: return false
    }
  }
}

public enum Platform: RawRepresentable, Equatable, JSONDecodable, JSONEncodable {
  public typealias RawValue = String
  case apns
  case apnsSandbox
  case gcm
  /// Auto generated constant for unknown enum values
  case unknown(RawValue)

  public init?(rawValue: RawValue) {
    switch rawValue {
      case "APNS": self = .apns
      case "APNS_SANDBOX": self = .apnsSandbox
      case "GCM": self = .gcm
      default: self = .unknown(rawValue)
    }
  }

  public var rawValue: RawValue {
    switch self {
      case .apns: return "APNS"
      case .apnsSandbox: return "APNS_SANDBOX"
      case .gcm: return "GCM"
      case .unknown(let value): return value
    }
  }

  public static func == (lhs: Platform, rhs: Platform) -> Bool {
    switch (lhs, rhs) {
      case (.apns, .apns): return true
      case (.apnsSandbox, .apnsSandbox): return true
      case (.gcm, .gcm): return true
      case (.unknown(let lhsValue), .unknown(let rhsValue)): return lhsValue == rhsValue
      default: return false
    }
  }
}

/// The app's platform, for appConfig.
public enum ClientPlatform: RawRepresentable, Equatable, JSONDecodable, JSONEncodable {
  public typealias RawValue = String
  case ios
  case android
  case web
  /// Auto generated constant for unknown enum values
  case unknown(RawValue)

  public init?(rawValue: RawValue) {
    switch rawValue {
      case "IOS": self = .ios
      case "ANDROID": self = .android
      case "WEB": self = .web
      default: self = .unknown(rawValue)
    }
  }

  public var rawValue: RawValue {
    switch self {
      case .ios: return "IOS"
      case .android: return "ANDROID"
      case .web: return "WEB"
      case .unknown(let value): return value
    }
  }

  public static func == (lhs: ClientPlatform, rhs: ClientPlatform) -> Bool {
    switch (lhs, rhs) {
      case (.ios, .ios): return true
      case (.android, .android): return true
      case (.web, .web): return true
      case (.unknown(let lhsValue), .unknown(let rhsValue)): return lhsValue == rhsValue
      default: return false
    }
  }
}

public struct UpdateProfileInput: GraphQLMapConvertible {
  public var graphQLMap: GraphQLMap

  public init(displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil) {
    graphQLMap = ["displayName": displayName, "bio": bio, "avatarKey": avatarKey]
  }

  public var displayName: String? {
    get {
      return graphQLMap["displayName"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "displayName")
    }
  }

  public var bio: String? {
    get {
      return graphQLMap["bio"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "bio")
    }
  }

  public var avatarKey: String? {
    get {
      return graphQLMap["avatarKey"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "avatarKey")
    }
  }
}

public struct CreatePostInput: GraphQLMapConvertible {
  public var graphQLMap: GraphQLMap

  public init(title: String, content: String, imageKey: String? = nil, authorId: GraphQLID? = nil) {
    graphQLMap = ["title": title, "content": content, "imageKey": imageKey, "authorId": authorId]
  }

  public var title: String {
    get {
      return graphQLMap["title"] as! String
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "title")
    }
  }

  public var content: String {
    get {
      return graphQLMap["content"] as! String
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "content")
    }
  }

  public var imageKey: String? {
    get {
      return graphQLMap["imageKey"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "imageKey")
    }
  }

  /// Compatibility only: must be the caller's own id when given.
  public var authorId: GraphQLID? {
    get {
      return graphQLMap["authorId"] as! GraphQLID?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "authorId")
    }
  }
}

public struct UpdatePostInput: GraphQLMapConvertible {
  public var graphQLMap: GraphQLMap

  public init(id: GraphQLID, expectedVersion: Int, title: String? = nil, content: String? = nil, imageKey: String? = nil) {
    graphQLMap = ["id": id, "expectedVersion": expectedVersion, "title": title, "content": content, "imageKey": imageKey]
  }

  public var id: GraphQLID {
    get {
      return graphQLMap["id"] as! GraphQLID
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "id")
    }
  }

  public var expectedVersion: Int {
    get {
      return graphQLMap["expectedVersion"] as! Int
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "expectedVersion")
    }
  }

  public var title: String? {
    get {
      return graphQLMap["title"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "title")
    }
  }

  public var content: String? {
    get {
      return graphQLMap["content"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "content")
    }
  }

  public var imageKey: String? {
    get {
      return graphQLMap["imageKey"] as! String?
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "imageKey")
    }
  }
}

public struct CreateCommentInput: GraphQLMapConvertible {
  public var graphQLMap: GraphQLMap

  public init(postId: GraphQLID, content: String) {
    graphQLMap = ["postId": postId, "content": content]
  }

  public var postId: GraphQLID {
    get {
      return graphQLMap["postId"] as! GraphQLID
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "postId")
    }
  }

  public var content: String {
    get {
      return graphQLMap["content"] as! String
    }
    set {
      graphQLMap.updateValue(newValue, forKey: "content")
    }
  }
}

public final class MeQuery: GraphQLQuery {
  public static let operationString =
    "query Me {\n  me {\n    __typename\n    id\n    username\n    displayName\n    bio\n    avatarKey\n    postCount\n    createdAt\n    updatedAt\n  }\n}"

  public init() {
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("me", type: .nonNull(.object(Me.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(me: Me) {
      self.init(snapshot: ["__typename": "Query", "me": me.snapshot])
    }

    public var me: Me {
      get {
        return Me(snapshot: snapshot["me"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "me")
      }
    }

    public struct Me: GraphQLSelectionSet {
      public static let possibleTypes = ["User"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("username", type: .nonNull(.scalar(String.self))),
        GraphQLField("displayName", type: .scalar(String.self)),
        GraphQLField("bio", type: .scalar(String.self)),
        GraphQLField("avatarKey", type: .scalar(String.self)),
        GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
        self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var username: String {
        get {
          return snapshot["username"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "username")
        }
      }

      public var displayName: String? {
        get {
          return snapshot["displayName"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "displayName")
        }
      }

      public var bio: String? {
        get {
          return snapshot["bio"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "bio")
        }
      }

      public var avatarKey: String? {
        get {
          return snapshot["avatarKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "avatarKey")
        }
      }

      public var postCount: Int {
        get {
          return snapshot["postCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "postCount")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }
    }
  }
}

public final class GetUserQuery: GraphQLQuery {
  public static let operationString =
    "query GetUser($id: ID!) {\n  getUser(id: $id) {\n    __typename\n    id\n    username\n    displayName\n    bio\n    avatarKey\n    postCount\n    createdAt\n    updatedAt\n  }\n}"

  public var id: GraphQLID

  public init(id: GraphQLID) {
    self.id = id
  }

  public var variables: GraphQLMap? {
    return ["id": id]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("getUser", arguments: ["id": GraphQLVariable("id")], type: .object(GetUser.selections)),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(getUser: GetUser? = nil) {
      self.init(snapshot: ["__typename": "Query", "getUser": getUser.flatMap { $0.snapshot }])
    }

    /// Unknown id: a NotFound error (data.getUser is null).
    public var getUser: GetUser? {
      get {
        return (snapshot["getUser"] as? Snapshot).flatMap { GetUser(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue?.snapshot, forKey: "getUser")
      }
    }

    public struct GetUser: GraphQLSelectionSet {
      public static let possibleTypes = ["User"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("username", type: .nonNull(.scalar(String.self))),
        GraphQLField("displayName", type: .scalar(String.self)),
        GraphQLField("bio", type: .scalar(String.self)),
        GraphQLField("avatarKey", type: .scalar(String.self)),
        GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
        self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var username: String {
        get {
          return snapshot["username"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "username")
        }
      }

      public var displayName: String? {
        get {
          return snapshot["displayName"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "displayName")
        }
      }

      public var bio: String? {
        get {
          return snapshot["bio"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "bio")
        }
      }

      public var avatarKey: String? {
        get {
          return snapshot["avatarKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "avatarKey")
        }
      }

      public var postCount: Int {
        get {
          return snapshot["postCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "postCount")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }
    }
  }
}

public final class GetPostQuery: GraphQLQuery {
  public static let operationString =
    "query GetPost($id: ID!) {\n  getPost(id: $id) {\n    __typename\n    id\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    title\n    content\n    imageKey\n    imageUrl\n    status\n    likeCount\n    commentCount\n    version\n    likedByMe\n    createdAt\n    updatedAt\n    comments {\n      __typename\n      nextToken\n    }\n  }\n}"

  public var id: GraphQLID

  public init(id: GraphQLID) {
    self.id = id
  }

  public var variables: GraphQLMap? {
    return ["id": id]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("getPost", arguments: ["id": GraphQLVariable("id")], type: .object(GetPost.selections)),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(getPost: GetPost? = nil) {
      self.init(snapshot: ["__typename": "Query", "getPost": getPost.flatMap { $0.snapshot }])
    }

    /// Unknown id: a NotFound error (data.getPost is null).
    public var getPost: GetPost? {
      get {
        return (snapshot["getPost"] as? Snapshot).flatMap { GetPost(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue?.snapshot, forKey: "getPost")
      }
    }

    public struct GetPost: GraphQLSelectionSet {
      public static let possibleTypes = ["Post"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("title", type: .nonNull(.scalar(String.self))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("imageKey", type: .scalar(String.self)),
        GraphQLField("imageUrl", type: .scalar(String.self)),
        GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
        GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("version", type: .nonNull(.scalar(Int.self))),
        GraphQLField("likedByMe", type: .scalar(Bool.self)),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("comments", type: .nonNull(.object(Comment.selections))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, authorId: GraphQLID, author: Author, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String, comments: Comment) {
        self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "author": author.snapshot, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt, "comments": comments.snapshot])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var title: String {
        get {
          return snapshot["title"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "title")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var imageKey: String? {
        get {
          return snapshot["imageKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageKey")
        }
      }

      /// Short-lived presigned GET for imageKey; null when the post has no image.
      public var imageUrl: String? {
        get {
          return snapshot["imageUrl"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageUrl")
        }
      }

      public var status: PostStatus {
        get {
          return snapshot["status"]! as! PostStatus
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var likeCount: Int {
        get {
          return snapshot["likeCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "likeCount")
        }
      }

      public var commentCount: Int {
        get {
          return snapshot["commentCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "commentCount")
        }
      }

      /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      public var version: Int {
        get {
          return snapshot["version"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      /// Whether the caller has liked this post.
      public var likedByMe: Bool? {
        get {
          return snapshot["likedByMe"] as? Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "likedByMe")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }

      /// Oldest first.
      public var comments: Comment {
        get {
          return Comment(snapshot: snapshot["comments"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "comments")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }

      public struct Comment: GraphQLSelectionSet {
        public static let possibleTypes = ["CommentConnection"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("nextToken", type: .scalar(String.self)),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(nextToken: String? = nil) {
          self.init(snapshot: ["__typename": "CommentConnection", "nextToken": nextToken])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var nextToken: String? {
          get {
            return snapshot["nextToken"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "nextToken")
          }
        }
      }
    }
  }
}

public final class ListPostsQuery: GraphQLQuery {
  public static let operationString =
    "query ListPosts($limit: Int, $nextToken: String) {\n  listPosts(limit: $limit, nextToken: $nextToken) {\n    __typename\n    items {\n      __typename\n      id\n      authorId\n      title\n      content\n      imageKey\n      imageUrl\n      status\n      likeCount\n      commentCount\n      version\n      likedByMe\n      createdAt\n      updatedAt\n    }\n    nextToken\n  }\n}"

  public var limit: Int?
  public var nextToken: String?

  public init(limit: Int? = nil, nextToken: String? = nil) {
    self.limit = limit
    self.nextToken = nextToken
  }

  public var variables: GraphQLMap? {
    return ["limit": limit, "nextToken": nextToken]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("listPosts", arguments: ["limit": GraphQLVariable("limit"), "nextToken": GraphQLVariable("nextToken")], type: .nonNull(.object(ListPost.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(listPosts: ListPost) {
      self.init(snapshot: ["__typename": "Query", "listPosts": listPosts.snapshot])
    }

    /// Global feed, newest first.
    public var listPosts: ListPost {
      get {
        return ListPost(snapshot: snapshot["listPosts"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "listPosts")
      }
    }

    public struct ListPost: GraphQLSelectionSet {
      public static let possibleTypes = ["PostConnection"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("items", type: .nonNull(.list(.nonNull(.object(Item.selections))))),
        GraphQLField("nextToken", type: .scalar(String.self)),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(items: [Item], nextToken: String? = nil) {
        self.init(snapshot: ["__typename": "PostConnection", "items": items.map { $0.snapshot }, "nextToken": nextToken])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var items: [Item] {
        get {
          return (snapshot["items"] as! [Snapshot]).map { Item(snapshot: $0) }
        }
        set {
          snapshot.updateValue(newValue.map { $0.snapshot }, forKey: "items")
        }
      }

      public var nextToken: String? {
        get {
          return snapshot["nextToken"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "nextToken")
        }
      }

      public struct Item: GraphQLSelectionSet {
        public static let possibleTypes = ["Post"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("title", type: .nonNull(.scalar(String.self))),
          GraphQLField("content", type: .nonNull(.scalar(String.self))),
          GraphQLField("imageKey", type: .scalar(String.self)),
          GraphQLField("imageUrl", type: .scalar(String.self)),
          GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
          GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("version", type: .nonNull(.scalar(Int.self))),
          GraphQLField("likedByMe", type: .scalar(Bool.self)),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, authorId: GraphQLID, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var authorId: GraphQLID {
          get {
            return snapshot["authorId"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "authorId")
          }
        }

        public var title: String {
          get {
            return snapshot["title"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "title")
          }
        }

        public var content: String {
          get {
            return snapshot["content"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "content")
          }
        }

        public var imageKey: String? {
          get {
            return snapshot["imageKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "imageKey")
          }
        }

        /// Short-lived presigned GET for imageKey; null when the post has no image.
        public var imageUrl: String? {
          get {
            return snapshot["imageUrl"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "imageUrl")
          }
        }

        public var status: PostStatus {
          get {
            return snapshot["status"]! as! PostStatus
          }
          set {
            snapshot.updateValue(newValue, forKey: "status")
          }
        }

        public var likeCount: Int {
          get {
            return snapshot["likeCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "likeCount")
          }
        }

        public var commentCount: Int {
          get {
            return snapshot["commentCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "commentCount")
          }
        }

        /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
        public var version: Int {
          get {
            return snapshot["version"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "version")
          }
        }

        /// Whether the caller has liked this post.
        public var likedByMe: Bool? {
          get {
            return snapshot["likedByMe"] as? Bool
          }
          set {
            snapshot.updateValue(newValue, forKey: "likedByMe")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }
    }
  }
}

public final class ListPostsByAuthorQuery: GraphQLQuery {
  public static let operationString =
    "query ListPostsByAuthor($authorId: ID!, $limit: Int, $nextToken: String) {\n  listPostsByAuthor(authorId: $authorId, limit: $limit, nextToken: $nextToken) {\n    __typename\n    items {\n      __typename\n      id\n      authorId\n      title\n      content\n      imageKey\n      imageUrl\n      status\n      likeCount\n      commentCount\n      version\n      likedByMe\n      createdAt\n      updatedAt\n    }\n    nextToken\n  }\n}"

  public var authorId: GraphQLID
  public var limit: Int?
  public var nextToken: String?

  public init(authorId: GraphQLID, limit: Int? = nil, nextToken: String? = nil) {
    self.authorId = authorId
    self.limit = limit
    self.nextToken = nextToken
  }

  public var variables: GraphQLMap? {
    return ["authorId": authorId, "limit": limit, "nextToken": nextToken]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("listPostsByAuthor", arguments: ["authorId": GraphQLVariable("authorId"), "limit": GraphQLVariable("limit"), "nextToken": GraphQLVariable("nextToken")], type: .nonNull(.object(ListPostsByAuthor.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(listPostsByAuthor: ListPostsByAuthor) {
      self.init(snapshot: ["__typename": "Query", "listPostsByAuthor": listPostsByAuthor.snapshot])
    }

    /// One author's posts, newest first.
    public var listPostsByAuthor: ListPostsByAuthor {
      get {
        return ListPostsByAuthor(snapshot: snapshot["listPostsByAuthor"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "listPostsByAuthor")
      }
    }

    public struct ListPostsByAuthor: GraphQLSelectionSet {
      public static let possibleTypes = ["PostConnection"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("items", type: .nonNull(.list(.nonNull(.object(Item.selections))))),
        GraphQLField("nextToken", type: .scalar(String.self)),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(items: [Item], nextToken: String? = nil) {
        self.init(snapshot: ["__typename": "PostConnection", "items": items.map { $0.snapshot }, "nextToken": nextToken])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var items: [Item] {
        get {
          return (snapshot["items"] as! [Snapshot]).map { Item(snapshot: $0) }
        }
        set {
          snapshot.updateValue(newValue.map { $0.snapshot }, forKey: "items")
        }
      }

      public var nextToken: String? {
        get {
          return snapshot["nextToken"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "nextToken")
        }
      }

      public struct Item: GraphQLSelectionSet {
        public static let possibleTypes = ["Post"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("title", type: .nonNull(.scalar(String.self))),
          GraphQLField("content", type: .nonNull(.scalar(String.self))),
          GraphQLField("imageKey", type: .scalar(String.self)),
          GraphQLField("imageUrl", type: .scalar(String.self)),
          GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
          GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("version", type: .nonNull(.scalar(Int.self))),
          GraphQLField("likedByMe", type: .scalar(Bool.self)),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, authorId: GraphQLID, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var authorId: GraphQLID {
          get {
            return snapshot["authorId"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "authorId")
          }
        }

        public var title: String {
          get {
            return snapshot["title"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "title")
          }
        }

        public var content: String {
          get {
            return snapshot["content"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "content")
          }
        }

        public var imageKey: String? {
          get {
            return snapshot["imageKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "imageKey")
          }
        }

        /// Short-lived presigned GET for imageKey; null when the post has no image.
        public var imageUrl: String? {
          get {
            return snapshot["imageUrl"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "imageUrl")
          }
        }

        public var status: PostStatus {
          get {
            return snapshot["status"]! as! PostStatus
          }
          set {
            snapshot.updateValue(newValue, forKey: "status")
          }
        }

        public var likeCount: Int {
          get {
            return snapshot["likeCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "likeCount")
          }
        }

        public var commentCount: Int {
          get {
            return snapshot["commentCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "commentCount")
          }
        }

        /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
        public var version: Int {
          get {
            return snapshot["version"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "version")
          }
        }

        /// Whether the caller has liked this post.
        public var likedByMe: Bool? {
          get {
            return snapshot["likedByMe"] as? Bool
          }
          set {
            snapshot.updateValue(newValue, forKey: "likedByMe")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }
    }
  }
}

public final class ListMyDevicesQuery: GraphQLQuery {
  public static let operationString =
    "query ListMyDevices {\n  listMyDevices {\n    __typename\n    token\n    platform\n    createdAt\n  }\n}"

  public init() {
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("listMyDevices", type: .nonNull(.list(.nonNull(.object(ListMyDevice.selections))))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(listMyDevices: [ListMyDevice]) {
      self.init(snapshot: ["__typename": "Query", "listMyDevices": listMyDevices.map { $0.snapshot }])
    }

    /// The caller's registered push devices.
    public var listMyDevices: [ListMyDevice] {
      get {
        return (snapshot["listMyDevices"] as! [Snapshot]).map { ListMyDevice(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue.map { $0.snapshot }, forKey: "listMyDevices")
      }
    }

    public struct ListMyDevice: GraphQLSelectionSet {
      public static let possibleTypes = ["Device"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("token", type: .nonNull(.scalar(String.self))),
        GraphQLField("platform", type: .nonNull(.scalar(Platform.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(token: String, platform: Platform, createdAt: String) {
        self.init(snapshot: ["__typename": "Device", "token": token, "platform": platform, "createdAt": createdAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var token: String {
        get {
          return snapshot["token"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "token")
        }
      }

      public var platform: Platform {
        get {
          return snapshot["platform"]! as! Platform
        }
        set {
          snapshot.updateValue(newValue, forKey: "platform")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }
    }
  }
}

public final class HealthQuery: GraphQLQuery {
  public static let operationString =
    "query Health {\n  health {\n    __typename\n    status\n    version\n    time\n  }\n}"

  public init() {
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("health", type: .nonNull(.object(Health.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(health: Health) {
      self.init(snapshot: ["__typename": "Query", "health": health.snapshot])
    }

    public var health: Health {
      get {
        return Health(snapshot: snapshot["health"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "health")
      }
    }

    public struct Health: GraphQLSelectionSet {
      public static let possibleTypes = ["Health"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("status", type: .nonNull(.scalar(String.self))),
        GraphQLField("version", type: .nonNull(.scalar(String.self))),
        GraphQLField("time", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(status: String, version: String, time: String) {
        self.init(snapshot: ["__typename": "Health", "status": status, "version": version, "time": time])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var status: String {
        get {
          return snapshot["status"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var version: String {
        get {
          return snapshot["version"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      public var time: String {
        get {
          return snapshot["time"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "time")
        }
      }
    }
  }
}

public final class AppConfigQuery: GraphQLQuery {
  public static let operationString =
    "query AppConfig($platform: ClientPlatform!, $version: String!) {\n  appConfig(platform: $platform, version: $version) {\n    __typename\n    supported\n    minimumVersion\n    switches {\n      __typename\n      name\n      enabled\n    }\n  }\n}"

  public var platform: ClientPlatform
  public var version: String

  public init(platform: ClientPlatform, version: String) {
    self.platform = platform
    self.version = version
  }

  public var variables: GraphQLMap? {
    return ["platform": platform, "version": version]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Query"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("appConfig", arguments: ["platform": GraphQLVariable("platform"), "version": GraphQLVariable("version")], type: .nonNull(.object(AppConfig.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(appConfig: AppConfig) {
      self.init(snapshot: ["__typename": "Query", "appConfig": appConfig.snapshot])
    }

    /// Forced update and remote switches, before sign-in too (IAM guest credentials). version: semver MAJOR.MINOR.PATCH with optional -prerelease or +build; anything else is a BadRequest error.
    public var appConfig: AppConfig {
      get {
        return AppConfig(snapshot: snapshot["appConfig"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "appConfig")
      }
    }

    public struct AppConfig: GraphQLSelectionSet {
      public static let possibleTypes = ["AppConfig"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("supported", type: .nonNull(.scalar(Bool.self))),
        GraphQLField("minimumVersion", type: .scalar(String.self)),
        GraphQLField("switches", type: .nonNull(.list(.nonNull(.object(Switch.selections))))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(supported: Bool, minimumVersion: String? = nil, switches: [Switch]) {
        self.init(snapshot: ["__typename": "AppConfig", "supported": supported, "minimumVersion": minimumVersion, "switches": switches.map { $0.snapshot }])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      /// false: this app version is below the platform's minimum; the app shows its forced-update screen.
      public var supported: Bool {
        get {
          return snapshot["supported"]! as! Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "supported")
        }
      }

      /// The platform's lowest supported version (MAJOR.MINOR.PATCH); null when none is set.
      public var minimumVersion: String? {
        get {
          return snapshot["minimumVersion"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "minimumVersion")
        }
      }

      /// Every declared switch with this environment's value, sorted by name.
      public var switches: [Switch] {
        get {
          return (snapshot["switches"] as! [Snapshot]).map { Switch(snapshot: $0) }
        }
        set {
          snapshot.updateValue(newValue.map { $0.snapshot }, forKey: "switches")
        }
      }

      public struct Switch: GraphQLSelectionSet {
        public static let possibleTypes = ["FeatureSwitch"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("name", type: .nonNull(.scalar(String.self))),
          GraphQLField("enabled", type: .nonNull(.scalar(Bool.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(name: String, enabled: Bool) {
          self.init(snapshot: ["__typename": "FeatureSwitch", "name": name, "enabled": enabled])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var name: String {
          get {
            return snapshot["name"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "name")
          }
        }

        public var enabled: Bool {
          get {
            return snapshot["enabled"]! as! Bool
          }
          set {
            snapshot.updateValue(newValue, forKey: "enabled")
          }
        }
      }
    }
  }
}

public final class UpdateProfileMutation: GraphQLMutation {
  public static let operationString =
    "mutation UpdateProfile($input: UpdateProfileInput!) {\n  updateProfile(input: $input) {\n    __typename\n    id\n    username\n    displayName\n    bio\n    avatarKey\n    postCount\n    createdAt\n    updatedAt\n  }\n}"

  public var input: UpdateProfileInput

  public init(input: UpdateProfileInput) {
    self.input = input
  }

  public var variables: GraphQLMap? {
    return ["input": input]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("updateProfile", arguments: ["input": GraphQLVariable("input")], type: .nonNull(.object(UpdateProfile.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(updateProfile: UpdateProfile) {
      self.init(snapshot: ["__typename": "Mutation", "updateProfile": updateProfile.snapshot])
    }

    public var updateProfile: UpdateProfile {
      get {
        return UpdateProfile(snapshot: snapshot["updateProfile"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "updateProfile")
      }
    }

    public struct UpdateProfile: GraphQLSelectionSet {
      public static let possibleTypes = ["User"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("username", type: .nonNull(.scalar(String.self))),
        GraphQLField("displayName", type: .scalar(String.self)),
        GraphQLField("bio", type: .scalar(String.self)),
        GraphQLField("avatarKey", type: .scalar(String.self)),
        GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
        self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var username: String {
        get {
          return snapshot["username"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "username")
        }
      }

      public var displayName: String? {
        get {
          return snapshot["displayName"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "displayName")
        }
      }

      public var bio: String? {
        get {
          return snapshot["bio"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "bio")
        }
      }

      public var avatarKey: String? {
        get {
          return snapshot["avatarKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "avatarKey")
        }
      }

      public var postCount: Int {
        get {
          return snapshot["postCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "postCount")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }
    }
  }
}

public final class CreatePostMutation: GraphQLMutation {
  public static let operationString =
    "mutation CreatePost($input: CreatePostInput!) {\n  createPost(input: $input) {\n    __typename\n    id\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    title\n    content\n    imageKey\n    imageUrl\n    status\n    likeCount\n    commentCount\n    version\n    likedByMe\n    createdAt\n    updatedAt\n    comments {\n      __typename\n      nextToken\n    }\n  }\n}"

  public var input: CreatePostInput

  public init(input: CreatePostInput) {
    self.input = input
  }

  public var variables: GraphQLMap? {
    return ["input": input]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("createPost", arguments: ["input": GraphQLVariable("input")], type: .nonNull(.object(CreatePost.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(createPost: CreatePost) {
      self.init(snapshot: ["__typename": "Mutation", "createPost": createPost.snapshot])
    }

    public var createPost: CreatePost {
      get {
        return CreatePost(snapshot: snapshot["createPost"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "createPost")
      }
    }

    public struct CreatePost: GraphQLSelectionSet {
      public static let possibleTypes = ["Post"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("title", type: .nonNull(.scalar(String.self))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("imageKey", type: .scalar(String.self)),
        GraphQLField("imageUrl", type: .scalar(String.self)),
        GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
        GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("version", type: .nonNull(.scalar(Int.self))),
        GraphQLField("likedByMe", type: .scalar(Bool.self)),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("comments", type: .nonNull(.object(Comment.selections))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, authorId: GraphQLID, author: Author, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String, comments: Comment) {
        self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "author": author.snapshot, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt, "comments": comments.snapshot])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var title: String {
        get {
          return snapshot["title"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "title")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var imageKey: String? {
        get {
          return snapshot["imageKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageKey")
        }
      }

      /// Short-lived presigned GET for imageKey; null when the post has no image.
      public var imageUrl: String? {
        get {
          return snapshot["imageUrl"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageUrl")
        }
      }

      public var status: PostStatus {
        get {
          return snapshot["status"]! as! PostStatus
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var likeCount: Int {
        get {
          return snapshot["likeCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "likeCount")
        }
      }

      public var commentCount: Int {
        get {
          return snapshot["commentCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "commentCount")
        }
      }

      /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      public var version: Int {
        get {
          return snapshot["version"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      /// Whether the caller has liked this post.
      public var likedByMe: Bool? {
        get {
          return snapshot["likedByMe"] as? Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "likedByMe")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }

      /// Oldest first.
      public var comments: Comment {
        get {
          return Comment(snapshot: snapshot["comments"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "comments")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }

      public struct Comment: GraphQLSelectionSet {
        public static let possibleTypes = ["CommentConnection"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("nextToken", type: .scalar(String.self)),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(nextToken: String? = nil) {
          self.init(snapshot: ["__typename": "CommentConnection", "nextToken": nextToken])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var nextToken: String? {
          get {
            return snapshot["nextToken"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "nextToken")
          }
        }
      }
    }
  }
}

public final class UpdatePostMutation: GraphQLMutation {
  public static let operationString =
    "mutation UpdatePost($input: UpdatePostInput!) {\n  updatePost(input: $input) {\n    __typename\n    id\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    title\n    content\n    imageKey\n    imageUrl\n    status\n    likeCount\n    commentCount\n    version\n    likedByMe\n    createdAt\n    updatedAt\n    comments {\n      __typename\n      nextToken\n    }\n  }\n}"

  public var input: UpdatePostInput

  public init(input: UpdatePostInput) {
    self.input = input
  }

  public var variables: GraphQLMap? {
    return ["input": input]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("updatePost", arguments: ["input": GraphQLVariable("input")], type: .nonNull(.object(UpdatePost.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(updatePost: UpdatePost) {
      self.init(snapshot: ["__typename": "Mutation", "updatePost": updatePost.snapshot])
    }

    public var updatePost: UpdatePost {
      get {
        return UpdatePost(snapshot: snapshot["updatePost"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "updatePost")
      }
    }

    public struct UpdatePost: GraphQLSelectionSet {
      public static let possibleTypes = ["Post"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("title", type: .nonNull(.scalar(String.self))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("imageKey", type: .scalar(String.self)),
        GraphQLField("imageUrl", type: .scalar(String.self)),
        GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
        GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("version", type: .nonNull(.scalar(Int.self))),
        GraphQLField("likedByMe", type: .scalar(Bool.self)),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("comments", type: .nonNull(.object(Comment.selections))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, authorId: GraphQLID, author: Author, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String, comments: Comment) {
        self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "author": author.snapshot, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt, "comments": comments.snapshot])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var title: String {
        get {
          return snapshot["title"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "title")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var imageKey: String? {
        get {
          return snapshot["imageKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageKey")
        }
      }

      /// Short-lived presigned GET for imageKey; null when the post has no image.
      public var imageUrl: String? {
        get {
          return snapshot["imageUrl"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageUrl")
        }
      }

      public var status: PostStatus {
        get {
          return snapshot["status"]! as! PostStatus
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var likeCount: Int {
        get {
          return snapshot["likeCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "likeCount")
        }
      }

      public var commentCount: Int {
        get {
          return snapshot["commentCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "commentCount")
        }
      }

      /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      public var version: Int {
        get {
          return snapshot["version"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      /// Whether the caller has liked this post.
      public var likedByMe: Bool? {
        get {
          return snapshot["likedByMe"] as? Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "likedByMe")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }

      /// Oldest first.
      public var comments: Comment {
        get {
          return Comment(snapshot: snapshot["comments"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "comments")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }

      public struct Comment: GraphQLSelectionSet {
        public static let possibleTypes = ["CommentConnection"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("nextToken", type: .scalar(String.self)),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(nextToken: String? = nil) {
          self.init(snapshot: ["__typename": "CommentConnection", "nextToken": nextToken])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var nextToken: String? {
          get {
            return snapshot["nextToken"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "nextToken")
          }
        }
      }
    }
  }
}

public final class DeletePostMutation: GraphQLMutation {
  public static let operationString =
    "mutation DeletePost($id: ID!) {\n  deletePost(id: $id) {\n    __typename\n    id\n  }\n}"

  public var id: GraphQLID

  public init(id: GraphQLID) {
    self.id = id
  }

  public var variables: GraphQLMap? {
    return ["id": id]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("deletePost", arguments: ["id": GraphQLVariable("id")], type: .nonNull(.object(DeletePost.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(deletePost: DeletePost) {
      self.init(snapshot: ["__typename": "Mutation", "deletePost": deletePost.snapshot])
    }

    public var deletePost: DeletePost {
      get {
        return DeletePost(snapshot: snapshot["deletePost"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "deletePost")
      }
    }

    public struct DeletePost: GraphQLSelectionSet {
      public static let possibleTypes = ["DeletedPost"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID) {
        self.init(snapshot: ["__typename": "DeletedPost", "id": id])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }
    }
  }
}

public final class CreateCommentMutation: GraphQLMutation {
  public static let operationString =
    "mutation CreateComment($input: CreateCommentInput!) {\n  createComment(input: $input) {\n    __typename\n    id\n    postId\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    content\n    createdAt\n  }\n}"

  public var input: CreateCommentInput

  public init(input: CreateCommentInput) {
    self.input = input
  }

  public var variables: GraphQLMap? {
    return ["input": input]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("createComment", arguments: ["input": GraphQLVariable("input")], type: .nonNull(.object(CreateComment.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(createComment: CreateComment) {
      self.init(snapshot: ["__typename": "Mutation", "createComment": createComment.snapshot])
    }

    public var createComment: CreateComment {
      get {
        return CreateComment(snapshot: snapshot["createComment"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "createComment")
      }
    }

    public struct CreateComment: GraphQLSelectionSet {
      public static let possibleTypes = ["Comment"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("postId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, postId: GraphQLID, authorId: GraphQLID, author: Author, content: String, createdAt: String) {
        self.init(snapshot: ["__typename": "Comment", "id": id, "postId": postId, "authorId": authorId, "author": author.snapshot, "content": content, "createdAt": createdAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var postId: GraphQLID {
        get {
          return snapshot["postId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "postId")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }
    }
  }
}

public final class LikePostMutation: GraphQLMutation {
  public static let operationString =
    "mutation LikePost($id: ID!) {\n  likePost(id: $id) {\n    __typename\n    id\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    title\n    content\n    imageKey\n    imageUrl\n    status\n    likeCount\n    commentCount\n    version\n    likedByMe\n    createdAt\n    updatedAt\n    comments {\n      __typename\n      nextToken\n    }\n  }\n}"

  public var id: GraphQLID

  public init(id: GraphQLID) {
    self.id = id
  }

  public var variables: GraphQLMap? {
    return ["id": id]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("likePost", arguments: ["id": GraphQLVariable("id")], type: .nonNull(.object(LikePost.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(likePost: LikePost) {
      self.init(snapshot: ["__typename": "Mutation", "likePost": likePost.snapshot])
    }

    /// Idempotent per user: liking twice counts once.
    public var likePost: LikePost {
      get {
        return LikePost(snapshot: snapshot["likePost"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "likePost")
      }
    }

    public struct LikePost: GraphQLSelectionSet {
      public static let possibleTypes = ["Post"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("title", type: .nonNull(.scalar(String.self))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("imageKey", type: .scalar(String.self)),
        GraphQLField("imageUrl", type: .scalar(String.self)),
        GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
        GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("version", type: .nonNull(.scalar(Int.self))),
        GraphQLField("likedByMe", type: .scalar(Bool.self)),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("comments", type: .nonNull(.object(Comment.selections))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, authorId: GraphQLID, author: Author, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String, comments: Comment) {
        self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "author": author.snapshot, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt, "comments": comments.snapshot])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var title: String {
        get {
          return snapshot["title"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "title")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var imageKey: String? {
        get {
          return snapshot["imageKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageKey")
        }
      }

      /// Short-lived presigned GET for imageKey; null when the post has no image.
      public var imageUrl: String? {
        get {
          return snapshot["imageUrl"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageUrl")
        }
      }

      public var status: PostStatus {
        get {
          return snapshot["status"]! as! PostStatus
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var likeCount: Int {
        get {
          return snapshot["likeCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "likeCount")
        }
      }

      public var commentCount: Int {
        get {
          return snapshot["commentCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "commentCount")
        }
      }

      /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      public var version: Int {
        get {
          return snapshot["version"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      /// Whether the caller has liked this post.
      public var likedByMe: Bool? {
        get {
          return snapshot["likedByMe"] as? Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "likedByMe")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }

      /// Oldest first.
      public var comments: Comment {
        get {
          return Comment(snapshot: snapshot["comments"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "comments")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }

      public struct Comment: GraphQLSelectionSet {
        public static let possibleTypes = ["CommentConnection"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("nextToken", type: .scalar(String.self)),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(nextToken: String? = nil) {
          self.init(snapshot: ["__typename": "CommentConnection", "nextToken": nextToken])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var nextToken: String? {
          get {
            return snapshot["nextToken"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "nextToken")
          }
        }
      }
    }
  }
}

public final class CreateUploadUrlMutation: GraphQLMutation {
  public static let operationString =
    "mutation CreateUploadUrl($contentType: String!, $contentLength: Int!) {\n  createUploadUrl(contentType: $contentType, contentLength: $contentLength) {\n    __typename\n    url\n    fields\n    key\n    expiresAt\n  }\n}"

  public var contentType: String
  public var contentLength: Int

  public init(contentType: String, contentLength: Int) {
    self.contentType = contentType
    self.contentLength = contentLength
  }

  public var variables: GraphQLMap? {
    return ["contentType": contentType, "contentLength": contentLength]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("createUploadUrl", arguments: ["contentType": GraphQLVariable("contentType"), "contentLength": GraphQLVariable("contentLength")], type: .nonNull(.object(CreateUploadUrl.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(createUploadUrl: CreateUploadUrl) {
      self.init(snapshot: ["__typename": "Mutation", "createUploadUrl": createUploadUrl.snapshot])
    }

    public var createUploadUrl: CreateUploadUrl {
      get {
        return CreateUploadUrl(snapshot: snapshot["createUploadUrl"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "createUploadUrl")
      }
    }

    public struct CreateUploadUrl: GraphQLSelectionSet {
      public static let possibleTypes = ["UploadTarget"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("url", type: .nonNull(.scalar(String.self))),
        GraphQLField("fields", type: .nonNull(.scalar(String.self))),
        GraphQLField("key", type: .nonNull(.scalar(String.self))),
        GraphQLField("expiresAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(url: String, fields: String, key: String, expiresAt: String) {
        self.init(snapshot: ["__typename": "UploadTarget", "url": url, "fields": fields, "key": key, "expiresAt": expiresAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      /// POST the form fields plus the file to this URL.
      public var url: String {
        get {
          return snapshot["url"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "url")
        }
      }

      public var fields: String {
        get {
          return snapshot["fields"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "fields")
        }
      }

      public var key: String {
        get {
          return snapshot["key"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "key")
        }
      }

      public var expiresAt: String {
        get {
          return snapshot["expiresAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "expiresAt")
        }
      }
    }
  }
}

public final class RegisterDeviceMutation: GraphQLMutation {
  public static let operationString =
    "mutation RegisterDevice($token: String!, $platform: Platform!) {\n  registerDevice(token: $token, platform: $platform) {\n    __typename\n    token\n    platform\n    createdAt\n  }\n}"

  public var token: String
  public var platform: Platform

  public init(token: String, platform: Platform) {
    self.token = token
    self.platform = platform
  }

  public var variables: GraphQLMap? {
    return ["token": token, "platform": platform]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("registerDevice", arguments: ["token": GraphQLVariable("token"), "platform": GraphQLVariable("platform")], type: .nonNull(.object(RegisterDevice.selections))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(registerDevice: RegisterDevice) {
      self.init(snapshot: ["__typename": "Mutation", "registerDevice": registerDevice.snapshot])
    }

    public var registerDevice: RegisterDevice {
      get {
        return RegisterDevice(snapshot: snapshot["registerDevice"]! as! Snapshot)
      }
      set {
        snapshot.updateValue(newValue.snapshot, forKey: "registerDevice")
      }
    }

    public struct RegisterDevice: GraphQLSelectionSet {
      public static let possibleTypes = ["Device"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("token", type: .nonNull(.scalar(String.self))),
        GraphQLField("platform", type: .nonNull(.scalar(Platform.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(token: String, platform: Platform, createdAt: String) {
        self.init(snapshot: ["__typename": "Device", "token": token, "platform": platform, "createdAt": createdAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var token: String {
        get {
          return snapshot["token"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "token")
        }
      }

      public var platform: Platform {
        get {
          return snapshot["platform"]! as! Platform
        }
        set {
          snapshot.updateValue(newValue, forKey: "platform")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }
    }
  }
}

public final class UnregisterDeviceMutation: GraphQLMutation {
  public static let operationString =
    "mutation UnregisterDevice($token: String!) {\n  unregisterDevice(token: $token)\n}"

  public var token: String

  public init(token: String) {
    self.token = token
  }

  public var variables: GraphQLMap? {
    return ["token": token]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Mutation"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("unregisterDevice", arguments: ["token": GraphQLVariable("token")], type: .nonNull(.scalar(Bool.self))),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(unregisterDevice: Bool) {
      self.init(snapshot: ["__typename": "Mutation", "unregisterDevice": unregisterDevice])
    }

    public var unregisterDevice: Bool {
      get {
        return snapshot["unregisterDevice"]! as! Bool
      }
      set {
        snapshot.updateValue(newValue, forKey: "unregisterDevice")
      }
    }
  }
}

public final class OnCreatePostSubscription: GraphQLSubscription {
  public static let operationString =
    "subscription OnCreatePost {\n  onCreatePost {\n    __typename\n    id\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    title\n    content\n    imageKey\n    imageUrl\n    status\n    likeCount\n    commentCount\n    version\n    likedByMe\n    createdAt\n    updatedAt\n    comments {\n      __typename\n      nextToken\n    }\n  }\n}"

  public init() {
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Subscription"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("onCreatePost", type: .object(OnCreatePost.selections)),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(onCreatePost: OnCreatePost? = nil) {
      self.init(snapshot: ["__typename": "Subscription", "onCreatePost": onCreatePost.flatMap { $0.snapshot }])
    }

    public var onCreatePost: OnCreatePost? {
      get {
        return (snapshot["onCreatePost"] as? Snapshot).flatMap { OnCreatePost(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue?.snapshot, forKey: "onCreatePost")
      }
    }

    public struct OnCreatePost: GraphQLSelectionSet {
      public static let possibleTypes = ["Post"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("title", type: .nonNull(.scalar(String.self))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("imageKey", type: .scalar(String.self)),
        GraphQLField("imageUrl", type: .scalar(String.self)),
        GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
        GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("version", type: .nonNull(.scalar(Int.self))),
        GraphQLField("likedByMe", type: .scalar(Bool.self)),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("comments", type: .nonNull(.object(Comment.selections))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, authorId: GraphQLID, author: Author, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String, comments: Comment) {
        self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "author": author.snapshot, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt, "comments": comments.snapshot])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var title: String {
        get {
          return snapshot["title"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "title")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var imageKey: String? {
        get {
          return snapshot["imageKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageKey")
        }
      }

      /// Short-lived presigned GET for imageKey; null when the post has no image.
      public var imageUrl: String? {
        get {
          return snapshot["imageUrl"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageUrl")
        }
      }

      public var status: PostStatus {
        get {
          return snapshot["status"]! as! PostStatus
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var likeCount: Int {
        get {
          return snapshot["likeCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "likeCount")
        }
      }

      public var commentCount: Int {
        get {
          return snapshot["commentCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "commentCount")
        }
      }

      /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      public var version: Int {
        get {
          return snapshot["version"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      /// Whether the caller has liked this post.
      public var likedByMe: Bool? {
        get {
          return snapshot["likedByMe"] as? Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "likedByMe")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }

      /// Oldest first.
      public var comments: Comment {
        get {
          return Comment(snapshot: snapshot["comments"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "comments")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }

      public struct Comment: GraphQLSelectionSet {
        public static let possibleTypes = ["CommentConnection"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("nextToken", type: .scalar(String.self)),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(nextToken: String? = nil) {
          self.init(snapshot: ["__typename": "CommentConnection", "nextToken": nextToken])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var nextToken: String? {
          get {
            return snapshot["nextToken"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "nextToken")
          }
        }
      }
    }
  }
}

public final class OnUpdatePostSubscription: GraphQLSubscription {
  public static let operationString =
    "subscription OnUpdatePost($id: ID) {\n  onUpdatePost(id: $id) {\n    __typename\n    id\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    title\n    content\n    imageKey\n    imageUrl\n    status\n    likeCount\n    commentCount\n    version\n    likedByMe\n    createdAt\n    updatedAt\n    comments {\n      __typename\n      nextToken\n    }\n  }\n}"

  public var id: GraphQLID?

  public init(id: GraphQLID? = nil) {
    self.id = id
  }

  public var variables: GraphQLMap? {
    return ["id": id]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Subscription"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("onUpdatePost", arguments: ["id": GraphQLVariable("id")], type: .object(OnUpdatePost.selections)),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(onUpdatePost: OnUpdatePost? = nil) {
      self.init(snapshot: ["__typename": "Subscription", "onUpdatePost": onUpdatePost.flatMap { $0.snapshot }])
    }

    public var onUpdatePost: OnUpdatePost? {
      get {
        return (snapshot["onUpdatePost"] as? Snapshot).flatMap { OnUpdatePost(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue?.snapshot, forKey: "onUpdatePost")
      }
    }

    public struct OnUpdatePost: GraphQLSelectionSet {
      public static let possibleTypes = ["Post"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("title", type: .nonNull(.scalar(String.self))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("imageKey", type: .scalar(String.self)),
        GraphQLField("imageUrl", type: .scalar(String.self)),
        GraphQLField("status", type: .nonNull(.scalar(PostStatus.self))),
        GraphQLField("likeCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("commentCount", type: .nonNull(.scalar(Int.self))),
        GraphQLField("version", type: .nonNull(.scalar(Int.self))),
        GraphQLField("likedByMe", type: .scalar(Bool.self)),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        GraphQLField("comments", type: .nonNull(.object(Comment.selections))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, authorId: GraphQLID, author: Author, title: String, content: String, imageKey: String? = nil, imageUrl: String? = nil, status: PostStatus, likeCount: Int, commentCount: Int, version: Int, likedByMe: Bool? = nil, createdAt: String, updatedAt: String, comments: Comment) {
        self.init(snapshot: ["__typename": "Post", "id": id, "authorId": authorId, "author": author.snapshot, "title": title, "content": content, "imageKey": imageKey, "imageUrl": imageUrl, "status": status, "likeCount": likeCount, "commentCount": commentCount, "version": version, "likedByMe": likedByMe, "createdAt": createdAt, "updatedAt": updatedAt, "comments": comments.snapshot])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var title: String {
        get {
          return snapshot["title"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "title")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var imageKey: String? {
        get {
          return snapshot["imageKey"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageKey")
        }
      }

      /// Short-lived presigned GET for imageKey; null when the post has no image.
      public var imageUrl: String? {
        get {
          return snapshot["imageUrl"] as? String
        }
        set {
          snapshot.updateValue(newValue, forKey: "imageUrl")
        }
      }

      public var status: PostStatus {
        get {
          return snapshot["status"]! as! PostStatus
        }
        set {
          snapshot.updateValue(newValue, forKey: "status")
        }
      }

      public var likeCount: Int {
        get {
          return snapshot["likeCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "likeCount")
        }
      }

      public var commentCount: Int {
        get {
          return snapshot["commentCount"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "commentCount")
        }
      }

      /// Starts at 1 and grows by exactly 1 per successful update (optimistic locking).
      public var version: Int {
        get {
          return snapshot["version"]! as! Int
        }
        set {
          snapshot.updateValue(newValue, forKey: "version")
        }
      }

      /// Whether the caller has liked this post.
      public var likedByMe: Bool? {
        get {
          return snapshot["likedByMe"] as? Bool
        }
        set {
          snapshot.updateValue(newValue, forKey: "likedByMe")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public var updatedAt: String {
        get {
          return snapshot["updatedAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "updatedAt")
        }
      }

      /// Oldest first.
      public var comments: Comment {
        get {
          return Comment(snapshot: snapshot["comments"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "comments")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }

      public struct Comment: GraphQLSelectionSet {
        public static let possibleTypes = ["CommentConnection"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("nextToken", type: .scalar(String.self)),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(nextToken: String? = nil) {
          self.init(snapshot: ["__typename": "CommentConnection", "nextToken": nextToken])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var nextToken: String? {
          get {
            return snapshot["nextToken"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "nextToken")
          }
        }
      }
    }
  }
}

public final class OnDeletePostSubscription: GraphQLSubscription {
  public static let operationString =
    "subscription OnDeletePost($id: ID) {\n  onDeletePost(id: $id) {\n    __typename\n    id\n  }\n}"

  public var id: GraphQLID?

  public init(id: GraphQLID? = nil) {
    self.id = id
  }

  public var variables: GraphQLMap? {
    return ["id": id]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Subscription"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("onDeletePost", arguments: ["id": GraphQLVariable("id")], type: .object(OnDeletePost.selections)),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(onDeletePost: OnDeletePost? = nil) {
      self.init(snapshot: ["__typename": "Subscription", "onDeletePost": onDeletePost.flatMap { $0.snapshot }])
    }

    public var onDeletePost: OnDeletePost? {
      get {
        return (snapshot["onDeletePost"] as? Snapshot).flatMap { OnDeletePost(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue?.snapshot, forKey: "onDeletePost")
      }
    }

    public struct OnDeletePost: GraphQLSelectionSet {
      public static let possibleTypes = ["DeletedPost"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID) {
        self.init(snapshot: ["__typename": "DeletedPost", "id": id])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }
    }
  }
}

public final class OnCreateCommentSubscription: GraphQLSubscription {
  public static let operationString =
    "subscription OnCreateComment($postId: ID) {\n  onCreateComment(postId: $postId) {\n    __typename\n    id\n    postId\n    authorId\n    author {\n      __typename\n      id\n      username\n      displayName\n      bio\n      avatarKey\n      postCount\n      createdAt\n      updatedAt\n    }\n    content\n    createdAt\n  }\n}"

  public var postId: GraphQLID?

  public init(postId: GraphQLID? = nil) {
    self.postId = postId
  }

  public var variables: GraphQLMap? {
    return ["postId": postId]
  }

  public struct Data: GraphQLSelectionSet {
    public static let possibleTypes = ["Subscription"]

    public static let selections: [GraphQLSelection] = [
      GraphQLField("onCreateComment", arguments: ["postId": GraphQLVariable("postId")], type: .object(OnCreateComment.selections)),
    ]

    public var snapshot: Snapshot

    public init(snapshot: Snapshot) {
      self.snapshot = snapshot
    }

    public init(onCreateComment: OnCreateComment? = nil) {
      self.init(snapshot: ["__typename": "Subscription", "onCreateComment": onCreateComment.flatMap { $0.snapshot }])
    }

    public var onCreateComment: OnCreateComment? {
      get {
        return (snapshot["onCreateComment"] as? Snapshot).flatMap { OnCreateComment(snapshot: $0) }
      }
      set {
        snapshot.updateValue(newValue?.snapshot, forKey: "onCreateComment")
      }
    }

    public struct OnCreateComment: GraphQLSelectionSet {
      public static let possibleTypes = ["Comment"]

      public static let selections: [GraphQLSelection] = [
        GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
        GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("postId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("authorId", type: .nonNull(.scalar(GraphQLID.self))),
        GraphQLField("author", type: .nonNull(.object(Author.selections))),
        GraphQLField("content", type: .nonNull(.scalar(String.self))),
        GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
      ]

      public var snapshot: Snapshot

      public init(snapshot: Snapshot) {
        self.snapshot = snapshot
      }

      public init(id: GraphQLID, postId: GraphQLID, authorId: GraphQLID, author: Author, content: String, createdAt: String) {
        self.init(snapshot: ["__typename": "Comment", "id": id, "postId": postId, "authorId": authorId, "author": author.snapshot, "content": content, "createdAt": createdAt])
      }

      public var __typename: String {
        get {
          return snapshot["__typename"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "__typename")
        }
      }

      public var id: GraphQLID {
        get {
          return snapshot["id"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "id")
        }
      }

      public var postId: GraphQLID {
        get {
          return snapshot["postId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "postId")
        }
      }

      public var authorId: GraphQLID {
        get {
          return snapshot["authorId"]! as! GraphQLID
        }
        set {
          snapshot.updateValue(newValue, forKey: "authorId")
        }
      }

      public var author: Author {
        get {
          return Author(snapshot: snapshot["author"]! as! Snapshot)
        }
        set {
          snapshot.updateValue(newValue.snapshot, forKey: "author")
        }
      }

      public var content: String {
        get {
          return snapshot["content"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "content")
        }
      }

      public var createdAt: String {
        get {
          return snapshot["createdAt"]! as! String
        }
        set {
          snapshot.updateValue(newValue, forKey: "createdAt")
        }
      }

      public struct Author: GraphQLSelectionSet {
        public static let possibleTypes = ["User"]

        public static let selections: [GraphQLSelection] = [
          GraphQLField("__typename", type: .nonNull(.scalar(String.self))),
          GraphQLField("id", type: .nonNull(.scalar(GraphQLID.self))),
          GraphQLField("username", type: .nonNull(.scalar(String.self))),
          GraphQLField("displayName", type: .scalar(String.self)),
          GraphQLField("bio", type: .scalar(String.self)),
          GraphQLField("avatarKey", type: .scalar(String.self)),
          GraphQLField("postCount", type: .nonNull(.scalar(Int.self))),
          GraphQLField("createdAt", type: .nonNull(.scalar(String.self))),
          GraphQLField("updatedAt", type: .nonNull(.scalar(String.self))),
        ]

        public var snapshot: Snapshot

        public init(snapshot: Snapshot) {
          self.snapshot = snapshot
        }

        public init(id: GraphQLID, username: String, displayName: String? = nil, bio: String? = nil, avatarKey: String? = nil, postCount: Int, createdAt: String, updatedAt: String) {
          self.init(snapshot: ["__typename": "User", "id": id, "username": username, "displayName": displayName, "bio": bio, "avatarKey": avatarKey, "postCount": postCount, "createdAt": createdAt, "updatedAt": updatedAt])
        }

        public var __typename: String {
          get {
            return snapshot["__typename"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "__typename")
          }
        }

        public var id: GraphQLID {
          get {
            return snapshot["id"]! as! GraphQLID
          }
          set {
            snapshot.updateValue(newValue, forKey: "id")
          }
        }

        public var username: String {
          get {
            return snapshot["username"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "username")
          }
        }

        public var displayName: String? {
          get {
            return snapshot["displayName"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "displayName")
          }
        }

        public var bio: String? {
          get {
            return snapshot["bio"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "bio")
          }
        }

        public var avatarKey: String? {
          get {
            return snapshot["avatarKey"] as? String
          }
          set {
            snapshot.updateValue(newValue, forKey: "avatarKey")
          }
        }

        public var postCount: Int {
          get {
            return snapshot["postCount"]! as! Int
          }
          set {
            snapshot.updateValue(newValue, forKey: "postCount")
          }
        }

        public var createdAt: String {
          get {
            return snapshot["createdAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "createdAt")
          }
        }

        public var updatedAt: String {
          get {
            return snapshot["updatedAt"]! as! String
          }
          set {
            snapshot.updateValue(newValue, forKey: "updatedAt")
          }
        }
      }
    }
  }
}