/// The words of the account, upload and log pages (`{{u.key}}` in templates), Chinese and English.
enum AccountLabels {
    static let chinese: [String: String] = [
        "logIn": "登录", "logOut": "退出", "account": "账号", "password": "密码",
        "loginHint": "账号由市局管理员用 techladder users add 创建；连续输错 5 次将锁定 15 分钟。",
        "upload": "上传本区导出文件", "uploadFile": "导出文件（格式 1 或区县格式）", "uploadSend": "上传并导入",
        "uploadHint": "文件上限", "uploadedBy": "上传人", "running": "正在导入…", "failed": "导入失败",
        "accepted": "导入记录", "line": "行", "column": "列", "log": "操作日志", "user": "用户", "since": "起始日期",
        "when": "时间", "action": "操作", "target": "对象", "detail": "详情",
        "logHint": "只追加，不可修改：上传、替换、评估、账号变更和企业页面查看都记录在此。",
    ]

    static let english: [String: String] = [
        "logIn": "Log in", "logOut": "Log out", "account": "Account", "password": "Password",
        "loginHint": "Accounts are created by the city's administrator with techladder users add; five wrong passwords in a row lock an account for 15 minutes.",
        "upload": "Upload the district's export", "uploadFile": "Export file (format 1 or a profile layout)",
        "uploadSend": "Upload and import", "uploadHint": "Largest file", "uploadedBy": "Uploaded by",
        "running": "Importing…", "failed": "Import failed", "accepted": "Records imported", "line": "Line",
        "column": "Column", "log": "Audit trail", "user": "User", "since": "Since", "when": "When", "action": "Action",
        "target": "Target", "detail": "Detail",
        "logHint": "Append-only: uploads, replacements, assessments, account changes and firm-page views are recorded here.",
    ]

    static func labels(_ lang: Lang) -> [String: String] { lang.english ? english : chinese }
}
