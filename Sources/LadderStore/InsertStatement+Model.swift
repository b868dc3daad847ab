import LadderCore
import StoreSupport

/// Binding the model's value types as the schema stores them.
extension InsertStatement {
    /// Money as INTEGER fen.
    func bind(_ value: Money?) { bind(value?.fen) }

    /// A date as TEXT `YYYY-MM-DD`.
    func bind(_ value: Day?) { bind(value?.description) }
}
