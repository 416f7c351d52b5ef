using System.Globalization;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Sdk.Localization.Ui;

namespace SmartTrade.Plugins.WarehouseReceipts.Screen;

/// <summary>
/// How the registry and account pages say things in zh-CN and en: refusals next to the field at fault, statuses,
/// log actions, kilograms and Beijing time.
/// </summary>
public static class RegistryText
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Kilograms with thousands separators, e.g. 25,000.</summary>
    public static string Kg(long kilograms) => kilograms.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A moment in Beijing time, to the minute.</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The <c>aria-invalid</c> value of the field with this id: "true" when it has an error.</summary>
    public static string? InvalidIn(IReadOnlyDictionary<string, string> errors, string id) => errors.ContainsKey(id) ? "true" : null;

    /// <summary>The id of the error shown beside the field with this id, for <c>aria-describedby</c>, when it has one.</summary>
    public static string? ErrorIdIn(IReadOnlyDictionary<string, string> errors, string id) => errors.ContainsKey(id) ? id + "-error" : null;

    /// <summary>Reads a whole number of kg (thousands separators allowed); <see langword="null"/> when it is not one.</summary>
    public static long? ParseKg(string? text)
        => long.TryParse(text?.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var kg) ? kg : null;

    /// <summary>
    /// Reads the parts of a split: whole kg separated by commas, spaces or semicolons (Chinese ones too);
    /// <see langword="null"/> when a part is not a whole number.
    /// </summary>
    public static IReadOnlyList<long>? ParseParts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 1_000)
        {
            return null;
        }

        var parts = new List<long>();
        foreach (var part in text.Split([',', '，', '、', ';', '；', ' ', '\t', '\r', '\n', '+'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var kg))
            {
                return null;
            }

            parts.Add(kg);
        }

        return parts;
    }

    /// <summary>A registry refusal for the person at the page: in Chinese by its code, in English its detail.</summary>
    public static string Describe(RegistryRefusal refusal)
    {
        var zh = refusal.Code switch
        {
            RegistryProblems.InvalidQuantity => "请填写 1 公斤以上的整数公斤数。",
            RegistryProblems.InvalidInput => refusal.Field switch
            {
                "reason" => "请填写拒绝原因（最多 500 字）。",
                "inspectionCertificate" => "请填写检验证书编号。",
                "productionDate" => "请填写生产日期：不能晚于今天，也不能早于三年前。",
                "pledgeeId" or "pledgeeEmail" => "请填写质权人账户的邮箱。",
                "partsKg" => "拆分须得到 2 到 50 张仓单。",
                "batchNumber" => "批号太长。",
                "instrument" or "producer" => "请选择牌号。",
                "warehouse" => "请选择仓库。",
                _ => "请检查填写的内容。",
            },
            RegistryProblems.UnknownInstrument => "没有这个合约。",
            RegistryProblems.UnknownWarehouse => "这不是指定交割仓库。",
            RegistryProblems.UnknownGrade => "该生产商不生产这个牌号。",
            RegistryProblems.SplitDoesNotSum => "各部分之和必须等于仓单的数量。",
            RegistryProblems.ReceiptNotFound => "没有这张仓单。",
            RegistryProblems.LoadInNotFound => "没有这条入库申报。",
            RegistryProblems.NotReceiptOwner => "这不是您的仓单。",
            RegistryProblems.NotLoadInOwner => "这不是您的入库申报。",
            RegistryProblems.NotWarehouseOperator => "您不是这个仓库的作业员。",
            RegistryProblems.NotPledgee => "只有质权人或管理员可以解除质押。",
            RegistryProblems.ReceiptNotActive => "仓单当前的状态不允许这样操作，只有有效的仓单可以。",
            RegistryProblems.ReceiptNotPending => "这张仓单不在待接收状态。",
            RegistryProblems.ReceiptNotPledged => "这张仓单没有质押。",
            RegistryProblems.LoadInDecided => "这条入库申报已经处理过了。",
            RegistryProblems.InsufficientFreeQuantity => "可用数量不足（交易中冻结或已质押的部分不能使用）。",
            RegistryProblems.InsufficientFrozenQuantity => "冻结数量不足。",
            RegistryProblems.MergeMismatch => "只有同一牌号、同一仓库的仓单可以合并。",
            RegistryProblems.SameParty => "不能质押给自己。",
            RegistryProblems.UnknownAccount => "没有使用这个邮箱的账户，请向质权人确认其登录邮箱。",
            RegistryProblems.ConcurrentChange => "登记簿正忙，请再试一次。",
            _ => "登记簿没有接受这个请求。",
        };
        return T(zh, refusal.Detail);
    }

    /// <summary>A refused movement of cash or receipts for the person at the page.</summary>
    public static string Describe(MovementOutcome outcome)
    {
        var zh = outcome.Code switch
        {
            "invalid-amount" => "金额须在 0.01 元到 1 亿元之间。",
            "payment-declined" => "银行卡付款没有成功，资金没有入账。",
            "insufficient-cash" => "可用资金不足。",
            "insufficient-receipts" => "交易账户中可用的仓单不足。",
            RegistryProblems.InsufficientFreeQuantity => "登记簿中可用的仓单不足（已质押或已在交易中的不算）。",
            "unknown-instrument" => "没有这个合约。",
            "invalid-quantity" => "数量须为交易单位（吨）的正整数倍。",
            "session-closed" => "当前不在交易时间。",
            "payout-account-required" => "请填写收款人户名、开户银行和银行账号。",
            "invalid-payout-account" => "收款账户不正确，请检查户名和账号。资金仍在交易账户中。",
            "payout-failed" => "付款被收款银行退回，资金已退回交易账户。",
            "payouts-unavailable" => "暂时无法出金。",
            "movement-refused" or "idempotency-key-reused" => "这份表单已经提交过了，请刷新页面后再试。",
            _ => "没有完成，请稍后再试。",
        };
        return T(zh, outcome.Detail ?? "It did not go through; try again later.");
    }

    /// <summary>A receipt's status.</summary>
    public static string StatusName(ReceiptStatus status) => status switch
    {
        ReceiptStatus.PendingAcceptance => T("待接收", "Awaiting acceptance"),
        ReceiptStatus.Active => T("有效", "Active"),
        ReceiptStatus.Pledged => T("已质押", "Pledged"),
        ReceiptStatus.Split => T("已拆分", "Split"),
        ReceiptStatus.Merged => T("已合并", "Merged"),
        _ => T("已注销提货", "Cancelled for load-out"),
    };

    /// <summary>A load-in's status.</summary>
    public static string StatusName(LoadInStatus status) => status switch
    {
        LoadInStatus.Declared => T("待检验", "Awaiting inspection"),
        LoadInStatus.Issued => T("已签发仓单", "Receipt issued"),
        _ => T("已拒绝", "Rejected"),
    };

    /// <summary>The CSS class of a status badge.</summary>
    public static string StatusClass(ReceiptStatus status) => status switch
    {
        ReceiptStatus.Active => "status status-active",
        ReceiptStatus.Split or ReceiptStatus.Merged or ReceiptStatus.Cancelled => "status status-cancelled",
        _ => "status",
    };

    /// <summary>The CSS class of a load-in's status badge.</summary>
    public static string StatusClass(LoadInStatus status) => status switch
    {
        LoadInStatus.Issued => "status status-active",
        LoadInStatus.Rejected => "status status-cancelled",
        _ => "status",
    };

    /// <summary>What a registry log entry records.</summary>
    public static string ActionName(string action) => action switch
    {
        RegistryActions.LoadInDeclared => T("入库申报", "Load-in declared"),
        RegistryActions.LoadInRejected => T("入库被拒", "Load-in rejected"),
        RegistryActions.ReceiptIssued => T("签发仓单", "Receipt issued"),
        RegistryActions.ReceiptAccepted => T("接收仓单", "Receipt accepted"),
        RegistryActions.ReceiptPledged => T("质押", "Pledged"),
        RegistryActions.PledgeReleased => T("解除质押", "Pledge released"),
        RegistryActions.ReceiptSplit => T("拆分", "Split"),
        RegistryActions.ReceiptsMerged => T("合并", "Merged"),
        RegistryActions.ReceiptsTransferred => T("成交过户", "Transferred by trade"),
        RegistryActions.ReceiptCancelled => T("注销提货", "Cancelled for load-out"),
        _ => action,
    };

    /// <summary>What a trading movement is.</summary>
    public static string KindName(MovementKind kind) => kind switch
    {
        MovementKind.CashDeposit => T("银行卡入金", "Cash in by card"),
        MovementKind.CashWithdrawal => T("出金", "Cash out"),
        MovementKind.ReceiptsIn => T("仓单转入交易", "Receipts into trading"),
        _ => T("仓单转出交易", "Receipts out of trading"),
    };

    /// <summary>Where a trading movement stands.</summary>
    public static string StatusName(MovementStatus status) => status switch
    {
        MovementStatus.Completed => T("已完成", "Completed"),
        MovementStatus.Refused => T("未成功", "Refused"),
        MovementStatus.Paid => T("已付款，入账中", "Paid, being credited"),
        MovementStatus.PayingOut => T("已扣款，付款中", "Debited, being paid out"),
        _ => T("处理中", "Pending"),
    };
}
