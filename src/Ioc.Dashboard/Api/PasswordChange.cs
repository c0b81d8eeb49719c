using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Security;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Api;

public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);
