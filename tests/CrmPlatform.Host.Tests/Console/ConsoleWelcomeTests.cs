using System.Net;
using CrmPlatform.Host.Console;
using CrmPlatform.Host.Console.People;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>Who may create the first admin, and where a sign-in may send the browser afterwards.</summary>
public sealed class ConsoleWelcomeTests
{
    [Theory]
    [InlineData("127.0.0.1", null, true)]
    [InlineData("::1", null, true)]
    [InlineData("10.1.2.3", null, false)]
    [InlineData("192.168.0.7", null, false)]
    [InlineData("127.0.0.1", "X-Forwarded-For", false)]
    [InlineData("127.0.0.1", "Forwarded", false)]
    public void IsLocal_RemoteAddressAndProxyHeaders_OnlyADirectLoopbackBrowserIsLocal(string remote, string? proxyHeader, bool expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (proxyHeader is not null)
        {
            http.Request.Headers[proxyHeader] = "203.0.113.9";
        }

        Assert.Equal(expected, ConsoleWelcome.IsLocal(http));
    }

    [Fact]
    public void IsLocal_NoRemoteAddress_IsNotLocal()
    {
        Assert.False(ConsoleWelcome.IsLocal(new DefaultHttpContext()));
    }

    [Theory]
    [InlineData("/customers/ada", "/customers/ada")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/path", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void Local_ReturnUrl_StaysOnThisSite(string? returnUrl, string expected)
    {
        Assert.Equal(expected, ConsolePaths.Local(returnUrl));
    }
}
