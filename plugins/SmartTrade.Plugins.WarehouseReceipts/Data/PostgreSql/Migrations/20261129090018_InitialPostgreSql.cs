using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgreSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "warehouse_receipts_instruments",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Polymer = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GradeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TickSize = table.Column<long>(type: "bigint", nullable: false),
                    LotSize = table.Column<long>(type: "bigint", nullable: false),
                    MaxOrderLots = table.Column<long>(type: "bigint", nullable: false),
                    TradingId = table.Column<int>(type: "integer", nullable: false),
                    ReferencePrice = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_instruments", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_number_sequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Last = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_number_sequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_registry_chain_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_registry_chain_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_registry_log",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceiptNumbers = table.Column<string>(type: "text", nullable: false),
                    Details = table.Column<string>(type: "text", nullable: false),
                    PreviousHash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_registry_log", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_settled_trades",
                columns: table => new
                {
                    TradeRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TradeSequence = table.Column<long>(type: "bigint", nullable: false),
                    JournalSequence = table.Column<long>(type: "bigint", nullable: false),
                    Price = table.Column<long>(type: "bigint", nullable: false),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false),
                    BuyerFee = table.Column<long>(type: "bigint", nullable: false),
                    SellerFee = table.Column<long>(type: "bigint", nullable: false),
                    BuyerTraderId = table.Column<long>(type: "bigint", nullable: false),
                    SellerTraderId = table.Column<long>(type: "bigint", nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SellerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BuyerWasAggressor = table.Column<bool>(type: "boolean", nullable: false),
                    ExecutedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeliveredNumbers = table.Column<string>(type: "text", nullable: false),
                    DeliveryProblem = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Published = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_settled_trades", x => x.TradeRef);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_settlement_checkpoint",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    JournalSequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_settlement_checkpoint", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_trading_accounts",
                columns: table => new
                {
                    TraderId = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_trading_accounts", x => x.TraderId);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_trading_movements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TraderId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PaymentIntentId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GatewayId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Failure = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_trading_movements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_transfers",
                columns: table => new
                {
                    TradeRef = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SellerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DeliveredNumbers = table.Column<string>(type: "text", nullable: false),
                    LogSequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_transfers", x => x.TradeRef);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_warehouses",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AddressZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddressEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CapacityTonnes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_warehouses", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_grades",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Polymer = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GradeCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Producer = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ProducerNameZh = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProducerNameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Form = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MeltFlowIndexCentigrams = table.Column<int>(type: "integer", nullable: true),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_grades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_grades_warehouse_receipts_instruments_In~",
                        column: x => x.InstrumentCode,
                        principalTable: "warehouse_receipts_instruments",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_holdings",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AvailableKg = table.Column<long>(type: "bigint", nullable: false),
                    FrozenKg = table.Column<long>(type: "bigint", nullable: false),
                    PledgedKg = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_holdings", x => new { x.OwnerId, x.InstrumentCode });
                    table.CheckConstraint("CK_warehouse_receipts_holdings_quantities", "\"AvailableKg\" >= 0 AND \"FrozenKg\" >= 0 AND \"PledgedKg\" >= 0 AND \"FrozenKg\" <= \"AvailableKg\"");
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_holdings_warehouse_receipts_instruments_~",
                        column: x => x.InstrumentCode,
                        principalTable: "warehouse_receipts_instruments",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_registry_log_receipts",
                columns: table => new
                {
                    ReceiptNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_registry_log_receipts", x => new { x.ReceiptNumber, x.Sequence });
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_registry_log_receipts_warehouse_receipts~",
                        column: x => x.Sequence,
                        principalTable: "warehouse_receipts_registry_log",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_warehouse_operators",
                columns: table => new
                {
                    WarehouseCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_warehouse_operators", x => new { x.WarehouseCode, x.UserId });
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_warehouse_operators_warehouse_receipts_w~",
                        column: x => x.WarehouseCode,
                        principalTable: "warehouse_receipts_warehouses",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_load_ins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TraderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GradeId = table.Column<int>(type: "integer", nullable: false),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DeclaredKg = table.Column<long>(type: "bigint", nullable: false),
                    ProductionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    BatchNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReceiptNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_load_ins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_load_ins_warehouse_receipts_grades_Grade~",
                        column: x => x.GradeId,
                        principalTable: "warehouse_receipts_grades",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_load_ins_warehouse_receipts_warehouses_W~",
                        column: x => x.WarehouseCode,
                        principalTable: "warehouse_receipts_warehouses",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_receipts",
                columns: table => new
                {
                    Number = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InstrumentCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GradeId = table.Column<int>(type: "integer", nullable: false),
                    WarehouseCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    ProductionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    InspectionCertificate = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    LoadInId = table.Column<Guid>(type: "uuid", nullable: true),
                    SourceNumbers = table.Column<string>(type: "text", nullable: true),
                    PledgeId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcquiredSequence = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_receipts", x => x.Number);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_receipts_warehouse_receipts_grades_Grade~",
                        column: x => x.GradeId,
                        principalTable: "warehouse_receipts_grades",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_receipts_warehouse_receipts_instruments_~",
                        column: x => x.InstrumentCode,
                        principalTable: "warehouse_receipts_instruments",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_receipts_warehouse_receipts_warehouses_W~",
                        column: x => x.WarehouseCode,
                        principalTable: "warehouse_receipts_warehouses",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "warehouse_receipts_pledges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiptNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PledgorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PledgeeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QuantityKg = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReleasedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_warehouse_receipts_pledges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_warehouse_receipts_pledges_warehouse_receipts_receipts_Rece~",
                        column: x => x.ReceiptNumber,
                        principalTable: "warehouse_receipts_receipts",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "warehouse_receipts_instruments",
                columns: new[] { "Code", "GradeCode", "LotSize", "MaxOrderLots", "NameEn", "NameZh", "Polymer", "ReferencePrice", "TickSize", "TradingId" },
                values: new object[,]
                {
                    { "ABS-0215A", "0215A", 1000L, 1000L, "ABS 0215A", "ABS 树脂 0215A", "ABS", 1105000L, 100L, 9 },
                    { "ABS-PA-757", "PA-757", 1000L, 1000L, "ABS PA-757", "ABS 树脂 PA-757", "ABS", 1240000L, 100L, 10 },
                    { "HDPE-5000S", "5000S", 1000L, 1000L, "HDPE 5000S", "高密度聚乙烯 5000S", "HDPE", 823000L, 100L, 4 },
                    { "HDPE-DMDA8008", "DMDA8008", 1000L, 1000L, "HDPE DMDA8008", "高密度聚乙烯 DMDA8008", "HDPE", 808000L, 100L, 5 },
                    { "LDPE-2426H", "2426H", 1000L, 1000L, "LDPE 2426H", "低密度聚乙烯 2426H", "LDPE", 978000L, 100L, 7 },
                    { "LLDPE-7042", "7042", 1000L, 1000L, "LLDPE 7042", "线性低密度聚乙烯 7042", "LLDPE", 812000L, 100L, 6 },
                    { "PET-CR-8816", "CR-8816", 1000L, 1000L, "PET CR-8816", "聚酯 CR-8816", "PET", 628000L, 100L, 12 },
                    { "PP-K8003", "K8003", 1000L, 1000L, "PP K8003", "聚丙烯 K8003", "PP", 765000L, 100L, 2 },
                    { "PP-T30S", "T30S", 1000L, 1000L, "PP T30S", "聚丙烯 T30S", "PP", 742000L, 100L, 1 },
                    { "PP-Z30S", "Z30S", 1000L, 1000L, "PP Z30S", "聚丙烯 Z30S", "PP", 756000L, 100L, 3 },
                    { "PS-GPPS-123P", "GPPS-123P", 1000L, 1000L, "PS GPPS-123P", "聚苯乙烯 GPPS-123P", "PS", 865000L, 100L, 11 },
                    { "PVC-SG-5", "SG-5", 1000L, 1000L, "PVC SG-5", "聚氯乙烯 SG-5", "PVC", 518000L, 100L, 8 }
                });

            migrationBuilder.InsertData(
                table: "warehouse_receipts_registry_chain_head",
                columns: new[] { "Id", "Hash", "Sequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.InsertData(
                table: "warehouse_receipts_settlement_checkpoint",
                columns: new[] { "Id", "JournalSequence" },
                values: new object[] { 1, 0L });

            migrationBuilder.InsertData(
                table: "warehouse_receipts_warehouses",
                columns: new[] { "Code", "AddressEn", "AddressZh", "CapacityTonnes", "NameEn", "NameZh" },
                values: new object[,]
                {
                    { "langxia-storage", "Langxia Subdistrict, Yuyao, Zhejiang", "浙江省余姚市朗霞街道", 12000L, "Langxia Plastics Delivery Warehouse", "朗霞塑化交割库" },
                    { "plastics-city-logistics", "Plastics City Logistics Park, Yuyao, Zhejiang", "浙江省余姚市塑料城物流园", 50000L, "Plastics City Logistics Park Delivery Warehouse", "塑料城物流园交割库" },
                    { "yangming-storage", "Yangming Subdistrict industrial zone, Yuyao, Zhejiang", "浙江省余姚市阳明街道工业功能区", 15000L, "Yuyao Yangming Plastics Storage Warehouse", "余姚阳明塑化仓储库" },
                    { "zs-storage-1", "Store 1, China Plastics City storage zone, Yuyao, Zhejiang", "浙江省余姚市中国塑料城仓储区一号库", 30000L, "Yuyao Zhongsu Storage Warehouse No. 1", "余姚中塑仓储一号库" },
                    { "zs-storage-2", "Store 2, China Plastics City storage zone, Yuyao, Zhejiang", "浙江省余姚市中国塑料城仓储区二号库", 25000L, "Yuyao Zhongsu Storage Warehouse No. 2", "余姚中塑仓储二号库" }
                });

            migrationBuilder.InsertData(
                table: "warehouse_receipts_grades",
                columns: new[] { "Id", "Form", "GradeCode", "InstrumentCode", "MeltFlowIndexCentigrams", "Polymer", "Producer", "ProducerNameEn", "ProducerNameZh" },
                values: new object[,]
                {
                    { 1, "raffia", "T30S", "PP-T30S", 300, "PP", "zhenhai-refining", "Sinopec Zhenhai Refining & Chemical", "镇海炼化" },
                    { 2, "raffia", "T30S", "PP-T30S", 300, "PP", "lanzhou-petrochemical", "PetroChina Lanzhou Petrochemical", "兰州石化" },
                    { 3, "copolymer", "K8003", "PP-K8003", 250, "PP", "yanshan-petrochemical", "Sinopec Yanshan Petrochemical", "燕山石化" },
                    { 4, "fiber", "Z30S", "PP-Z30S", 2500, "PP", "zhenhai-refining", "Sinopec Zhenhai Refining & Chemical", "镇海炼化" },
                    { 5, "monofilament", "5000S", "HDPE-5000S", 90, "HDPE", "daqing-petrochemical", "PetroChina Daqing Petrochemical", "大庆石化" },
                    { 6, "injection", "DMDA8008", "HDPE-DMDA8008", 700, "HDPE", "dushanzi-petrochemical", "PetroChina Dushanzi Petrochemical", "独山子石化" },
                    { 7, "film", "7042", "LLDPE-7042", 200, "LLDPE", "jilin-petrochemical", "PetroChina Jilin Petrochemical", "吉林石化" },
                    { 8, "film", "7042", "LLDPE-7042", 200, "LLDPE", "maoming-petrochemical", "Sinopec Maoming Petrochemical", "中石化茂名" },
                    { 9, "film", "2426H", "LDPE-2426H", 200, "LDPE", "daqing-petrochemical", "PetroChina Daqing Petrochemical", "大庆石化" },
                    { 10, "suspension", "SG-5", "PVC-SG-5", null, "PVC", "xinjiang-zhongtai", "Xinjiang Zhongtai Chemical", "新疆中泰" },
                    { 11, "suspension", "SG-5", "PVC-SG-5", null, "PVC", "beiyuan-chemical", "Shaanxi Beiyuan Chemical", "陕西北元" },
                    { 12, "general-purpose", "0215A", "ABS-0215A", 2200, "ABS", "jilin-petrochemical", "PetroChina Jilin Petrochemical", "吉林石化" },
                    { 13, "general-purpose", "PA-757", "ABS-PA-757", 1800, "ABS", "chimei-zhenjiang", "Chi Mei (Zhenjiang)", "镇江奇美" },
                    { 14, "gpps", "GPPS-123P", "PS-GPPS-123P", 800, "PS", "yangzi-petrochemical", "Sinopec Yangzi Petrochemical", "扬子石化" },
                    { 15, "bottle", "CR-8816", "PET-CR-8816", null, "PET", "china-resources-chemical", "China Resources Chemical Innovative Materials", "华润化学" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_grades_InstrumentCode_Producer",
                table: "warehouse_receipts_grades",
                columns: new[] { "InstrumentCode", "Producer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_holdings_InstrumentCode",
                table: "warehouse_receipts_holdings",
                column: "InstrumentCode");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_instruments_TradingId",
                table: "warehouse_receipts_instruments",
                column: "TradingId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_load_ins_GradeId",
                table: "warehouse_receipts_load_ins",
                column: "GradeId");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_load_ins_TraderId_Status",
                table: "warehouse_receipts_load_ins",
                columns: new[] { "TraderId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_load_ins_WarehouseCode_Status",
                table: "warehouse_receipts_load_ins",
                columns: new[] { "WarehouseCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_pledges_PledgeeId_Status",
                table: "warehouse_receipts_pledges",
                columns: new[] { "PledgeeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_pledges_PledgorId_Status",
                table: "warehouse_receipts_pledges",
                columns: new[] { "PledgorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_pledges_ReceiptNumber",
                table: "warehouse_receipts_pledges",
                column: "ReceiptNumber");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_receipts_GradeId",
                table: "warehouse_receipts_receipts",
                column: "GradeId");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_receipts_InstrumentCode",
                table: "warehouse_receipts_receipts",
                column: "InstrumentCode");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_receipts_LoadInId",
                table: "warehouse_receipts_receipts",
                column: "LoadInId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_receipts_OwnerId_InstrumentCode_Status_A~",
                table: "warehouse_receipts_receipts",
                columns: new[] { "OwnerId", "InstrumentCode", "Status", "AcquiredSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_receipts_WarehouseCode",
                table: "warehouse_receipts_receipts",
                column: "WarehouseCode");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_registry_log_receipts_Sequence",
                table: "warehouse_receipts_registry_log_receipts",
                column: "Sequence");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_BuyerId_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "BuyerId", "JournalSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_InstrumentCode_TradeSeque~",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "InstrumentCode", "TradeSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                column: "JournalSequence");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_Published_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "Published", "JournalSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_settled_trades_SellerId_JournalSequence",
                table: "warehouse_receipts_settled_trades",
                columns: new[] { "SellerId", "JournalSequence" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_accounts_UserId",
                table: "warehouse_receipts_trading_accounts",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_movements_Status",
                table: "warehouse_receipts_trading_movements",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_movements_TraderId_Id",
                table: "warehouse_receipts_trading_movements",
                columns: new[] { "TraderId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_trading_movements_UserId_IdempotencyKey",
                table: "warehouse_receipts_trading_movements",
                columns: new[] { "UserId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_transfers_BuyerId",
                table: "warehouse_receipts_transfers",
                column: "BuyerId");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_transfers_SellerId",
                table: "warehouse_receipts_transfers",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_warehouse_receipts_warehouse_operators_UserId",
                table: "warehouse_receipts_warehouse_operators",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "warehouse_receipts_holdings");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_load_ins");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_number_sequences");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_pledges");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_registry_chain_head");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_registry_log_receipts");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_settled_trades");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_settlement_checkpoint");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_trading_accounts");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_trading_movements");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_transfers");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_warehouse_operators");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_receipts");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_registry_log");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_grades");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_warehouses");

            migrationBuilder.DropTable(
                name: "warehouse_receipts_instruments");
        }
    }
}
